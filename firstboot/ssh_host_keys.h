#pragma once

#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

/// A sysprepped image has no SSH host keys; sshd would not start. When the guest has
/// sshd and no /etc/ssh/ssh_host_*_key, runs the guest's own `ssh-keygen -A` (live only:
/// an offline root's binaries are not ours to run). Returns whether keys were made.
Result<bool> ensure_ssh_host_keys(const RootFs& fs, bool live);

/// True when /etc/ssh has at least one ssh_host_*_key.
Result<bool> has_ssh_host_keys(const RootFs& fs);

}  // namespace image_agent::firstboot

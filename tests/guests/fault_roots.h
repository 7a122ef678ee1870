#pragma once

// The realistic roots the fault-injection, kill-point and concurrency tests run the real
// binary on: Debian 12's stock root with the seed's VPC os.conf (host name, password,
// network and DNS) where the cloud puts it, and the same guest once configured and used,
// for sysprep.
#include <string>
#include <vector>

#include "platform/process.h"
#include "test_support/run_checked.h"
#include "test_support/tree_state.h"

namespace image_agent::guests {

/// os.conf's path in the firstboot root.
constexpr const char* kOsConfPath = "/aliyun_custom_image/os.conf";

/// Debian 12's root in `dir` with the seed's VPC os.conf.
void make_firstboot_root(const std::string& dir);
std::vector<std::string> firstboot_command(const std::string& root);

/// The firstboot root after firstboot, then used: a shell history, SSH host and user keys,
/// logs, a DHCP lease, files in /tmp, a cloud credential.
void make_sysprep_root(const std::string& dir);
std::vector<std::string> sysprep_command(const std::string& root);

/// The tree as tree_state() records it, root's hash in /etc/shadow replaced by "<hash>"
/// when it verifies os.conf's password (a new salt each run), by "<wrong hash>" otherwise.
testing::TreeState guest_state(const std::string& root);

/// States of os.conf that are neither as before nor gone, and still right: without its
/// password line (the password was set, another group failed), or all zeros (its deletion
/// was under way).
bool os_conf_in_between(const std::string& path, const std::string& state);

/// `cp -a FROM TO`: owners, modes and links kept.
void copy_tree(const std::string& from, const std::string& to);

using testing::run_checked;

}  // namespace image_agent::guests

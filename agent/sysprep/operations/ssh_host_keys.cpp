// ssh-host-keys: an image must not carry SSH host keys (seed 002 §3.3.5 forbids key
// pairs baked into Customized Linux images): every clone would share them, and with them
// the identity clients pin. firstboot creates new ones before sshd starts.
#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

Plan plan(const Context& context) {
  Plan plan;
  std::optional<Listing> ssh = list_directory(context, "/etc/ssh", plan);
  if (!ssh) return plan;
  for (const DirEntry& entry : ssh->entries) {
    // Keys, their .pub halves and certificates (ssh_host_*_key-cert.pub).
    if (entry.name.starts_with("ssh_host_"))
      plan_remove_entry(context, join_path("/etc/ssh", entry.name), plan);
  }
  return plan;
}

}  // namespace

const Operation kSshHostKeys{"ssh-host-keys", "/etc/ssh/ssh_host_* (host keys and certificates)", true,
                             &plan};

}  // namespace image_agent::sysprep::ops

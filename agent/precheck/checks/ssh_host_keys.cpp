// ssh_host_keys: an image must not carry SSH host keys (/etc/ssh/ssh_host_*: keys, their
// .pub halves and certificates): every clone would share the identity clients pin.
// `image-agent sysprep` (operation ssh-host-keys) removes exactly these; firstboot or
// sshd-keygen makes new ones. Source: seed 002 §3.3.5.
#include <cerrno>

#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  Result<std::vector<DirEntry>> entries = context.fs().list("/etc/ssh");
  if (!entries) {
    if (entries.error().code == ENOENT) return ok("no /etc/ssh: no host keys");
    return skipped("cannot list /etc/ssh: " + entries.error().message);
  }
  std::vector<Evidence> evidence;
  for (const DirEntry& entry : *entries) {
    if (entry.name.starts_with("ssh_host_")) evidence.emplace_back("path", "/etc/ssh/" + entry.name);
  }
  if (evidence.empty()) return ok("no SSH host keys in /etc/ssh");
  const std::string count = std::to_string(evidence.size());
  return problem(
      context, 1, count + " SSH host key files in /etc/ssh: every instance would share them",
      "Run: image-agent sysprep --operations ssh-host-keys (or rm /etc/ssh/ssh_host_*) before capturing.",
      std::move(evidence));
}

}  // namespace

extern const Item kSshHostKeysItem{
    "ssh_host_keys",   "",    3000, "no SSH host keys baked into the image", "seed 002 §3.3.5",
    ItemKind::kSystem, &check};

}  // namespace image_agent::precheck::checks

#include "firstboot/ssh_host_keys.h"

#include "platform/process.h"

namespace image_agent::firstboot {

Result<bool> has_ssh_host_keys(const RootFs& fs) {
  Result<std::vector<DirEntry>> entries = fs.list("/etc/ssh");
  if (!entries) return entries.error().code == ENOENT ? Result<bool>(false) : entries.error();
  for (const DirEntry& e : *entries) {
    if (e.name.rfind("ssh_host_", 0) == 0 && e.name.size() > 4 &&
        e.name.substr(e.name.size() - 4) == "_key") {
      return true;
    }
  }
  return false;
}

Result<bool> ensure_ssh_host_keys(const RootFs& fs, bool live) {
  if (!live || !fs.exists("/etc/ssh/sshd_config")) return false;
  Result<bool> present = has_ssh_host_keys(fs);
  if (!present) return present.error();
  if (*present) return false;
  RunOptions options;
  options.deadline = std::chrono::seconds(60);
  Result<RunResult> keygen = run_program({"ssh-keygen", "-A"}, options);
  if (!keygen) return keygen.error();
  if (!keygen->succeeded()) {
    return Error{
        "ssh-keygen -A failed" + (keygen->timed_out ? std::string(" (timed out)") : ": " + keygen->err), EIO};
  }
  return true;
}

}  // namespace image_agent::firstboot

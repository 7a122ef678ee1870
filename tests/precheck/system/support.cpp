#include "support.h"

#include <filesystem>
#include <stdexcept>

#include "platform/root_fs.h"
#include "precheck/context.h"
#include "precheck/policy.h"
#include "precheck/registry.h"

namespace image_agent::precheck::testing {

SyntheticRoot& SyntheticRoot::file(std::string_view guest, std::string_view content, mode_t mode) {
  image_agent::testing::write_file(host(guest), content, mode);
  return *this;
}

SyntheticRoot& SyntheticRoot::dir(std::string_view guest) {
  std::filesystem::create_directories(host(guest));
  return *this;
}

SyntheticRoot& SyntheticRoot::link(std::string_view target, std::string_view guest) {
  std::filesystem::path path = host(guest);
  std::filesystem::create_directories(path.parent_path());
  std::filesystem::create_symlink(std::string(target), path);
  return *this;
}

Verdict run_item(std::string_view id, const std::string& root, const std::string& profile) {
  for (const Item& item : system_items()) {
    if (item.id != id) continue;
    std::filesystem::create_directories(root);
    Result<RootFs> fs = RootFs::open(root);
    if (!fs) throw std::runtime_error(fs.error().message);
    Context context(*fs, default_policy(), profile, root == "/");
    return item.check(ItemContext(context, item));
  }
  throw std::runtime_error("no system item " + std::string(id));
}

std::string outcome(const Verdict& verdict) {
  return std::string(status_name(verdict.status)) + " " + verdict.error_code;
}

void make_good_root(SyntheticRoot& r) {
  r.file("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
  r.file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n");
  r.file("/etc/shadow", "root:$6$salt$hash:19000:0:99999:7:::\nalice:!:19000::::::\n", 0640);
  r.file("/etc/group", "root:x:0:\n");
  r.dir("/usr/bin").dir("/usr/sbin").dir("/usr/lib").dir("/usr/lib64");
  r.link("usr/bin", "/bin").link("usr/sbin", "/sbin").link("usr/lib", "/lib").link("usr/lib64", "/lib64");
  r.program("/usr/bin/bash").program("/usr/bin/passwd").program("/usr/sbin/chpasswd");
  r.program("/usr/sbin/sshd").program("/usr/bin/growpart");
  r.file("/lib/systemd/system/ssh.service", "[Unit]\n");
  r.link("/lib/systemd/system/ssh.service", "/etc/systemd/system/multi-user.target.wants/ssh.service");
  // yes, not the default prohibit-password: aliyun-customized needs root's password accepted.
  r.file("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\n");
  r.file("/etc/network/interfaces", "auto lo\niface lo inet loopback\nauto eth0\niface eth0 inet dhcp\n");
  r.file("/etc/machine-id", "");
  r.file("/etc/adjtime", "0.0 0 0.0\n0\nUTC\n");
  r.dir("/root").dir("/home/alice");
  r.file("/usr/lib/python3/dist-packages/cloudinit/version.py", "__VERSION__ = \"22.4.2\"\n");
  r.program("/usr/bin/cloud-init");
  r.program("/usr/sbin/image-agent");
  r.file("/usr/lib/systemd/system/image-agent-firstboot.service", "[Unit]\n");
  r.link("/usr/lib/systemd/system/image-agent-firstboot.service",
         "/etc/systemd/system/multi-user.target.wants/image-agent-firstboot.service");
}

}  // namespace image_agent::precheck::testing

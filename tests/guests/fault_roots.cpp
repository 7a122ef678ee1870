#include "fault_roots.h"

#include <stdexcept>

#include "firstboot/os_conf.h"
#include "firstboot/os_conf_file.h"
#include "firstboot/password.h"
#include "guest_root.h"
#include "test_support/temp_dir.h"

namespace image_agent::guests {
namespace {

using testing::read_file;
using testing::write_file;

std::string seed_os_conf() {
  return read_file(std::string(OS_CONF_DATA) + "/vpc.conf");
}

const Family& debian12() {
  for (const Family& family : families()) {
    if (family.name == "debian12") return family;
  }
  throw std::runtime_error("no debian12 in tests/data/guests");
}

/// Root's line with its hash masked (see guest_state).
std::string mask_root_hash(std::string shadow) {
  static const firstboot::OsConf conf = firstboot::parse_os_conf(seed_os_conf());
  const std::string verdict =
      firstboot::root_hash_matches(shadow, *conf.password.value) ? "<hash>" : "<wrong hash>";
  size_t line = shadow.compare(0, 5, "root:") == 0 ? 0 : shadow.find("\nroot:");
  if (line == std::string::npos) return shadow;
  const size_t start = shadow.find(':', line + 1) + 1;
  const size_t end = shadow.find(':', start);
  if (end == std::string::npos || end - start < 3 || shadow[start] != '$')
    return shadow;  // "*", "!": no hash
  return shadow.replace(start, end - start, verdict);
}

}  // namespace

void make_firstboot_root(const std::string& dir) {
  make_root(Guest{&debian12(), false}, dir);
  write_file(dir + kOsConfPath, seed_os_conf(), 0600);
}

std::vector<std::string> firstboot_command(const std::string& root) {
  return {IMAGE_AGENT_BINARY, "firstboot", "--root", root, "--no-ssh-host-keys"};
}

void make_sysprep_root(const std::string& dir) {
  make_firstboot_root(dir);
  RunResult configured = run_checked(firstboot_command(dir));
  if (configured.exit_code != 0)
    throw std::runtime_error("firstboot failed on the sysprep root: " + configured.err);
  write_file(dir + "/root/.bash_history", "ls\nsudo passwd\n", 0600);
  write_file(dir + "/root/.ssh/id_ed25519",
             "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----\n", 0600);
  write_file(dir + "/root/.ssh/known_hosts", "host ssh-ed25519 AAAA\n", 0644);
  write_file(dir + "/root/.aliyun/config.json", "{\"access_key_secret\": \"x\"}\n", 0600);
  write_file(dir + "/etc/ssh/ssh_host_ed25519_key", "private\n", 0600);
  write_file(dir + "/etc/ssh/ssh_host_ed25519_key.pub", "ssh-ed25519 AAAA root@build\n", 0644);
  write_file(dir + "/var/log/syslog", "Dec  2 boot\n", 0640);
  write_file(dir + "/var/log/apt/history.log", "Start-Date: 2026-12-02\n", 0644);
  write_file(dir + "/var/lib/dhcp/dhclient.eth0.leases", "lease {}\n", 0644);
  write_file(dir + "/var/lib/systemd/random-seed", std::string(512, 'r'), 0600);
  write_file(dir + "/tmp/build/output.o", "obj", 0644);
  write_file(dir + "/etc/machine-id", "0123456789abcdef0123456789abcdef\n", 0444);
}

std::vector<std::string> sysprep_command(const std::string& root) {
  return {IMAGE_AGENT_BINARY, "sysprep", "--root", root};
}

testing::TreeState guest_state(const std::string& root) {
  return testing::tree_state(root, [](const std::string& path, std::string content) {
    return path == "/etc/shadow" ? mask_root_hash(std::move(content)) : content;
  });
}

bool os_conf_in_between(const std::string& path, const std::string& state) {
  if (path != kOsConfPath) return false;
  const std::string content = state.substr(state.find(' ', state.find(' ') + 1) + 1);
  return content == firstboot::without_password(seed_os_conf()) ||
         (!content.empty() && content.find_first_not_of('\0') == std::string::npos);
}

void copy_tree(const std::string& from, const std::string& to) {
  RunResult copied = run_checked({"/bin/cp", "-a", from, to});
  if (copied.exit_code != 0) throw std::runtime_error("cp -a " + from + " " + to + ": " + copied.err);
}

}  // namespace image_agent::guests

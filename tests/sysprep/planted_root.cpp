#include "planted_root.h"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "platform/root_fs.h"
#include "sysprep/context.h"
#include "sysprep/registry.h"

namespace image_agent::sysprep::testing {
namespace {

using image_agent::testing::write_file;

void make_dir(const std::string& path, mode_t mode = 0755) {
  std::filesystem::create_directories(path);
  if (::chmod(path.c_str(), mode) != 0) throw std::runtime_error("chmod " + path);
}

}  // namespace

void make_symlink(const std::string& target, const std::string& link) {
  std::filesystem::create_directories(std::filesystem::path(link).parent_path());
  std::filesystem::create_symlink(target, link);
}

PlantedRoot::PlantedRoot() : root_(dir_ / "root") {
  const PlantedRoot& r = *this;
  write_file(outside_secret(), "outside the root\n", 0600);

  // Accounts: root, a system account, two people and a service account with its own home.
  write_file(r / "/etc/passwd",
             "root:x:0:0:root:/root:/bin/bash\n"
             "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
             "alice:x:1000:1000:Alice:/home/alice:/bin/zsh\n"
             "bob:x:1001:1001:Bob:/home/bob:/bin/bash\n"
             "svc:x:998:998:service:/srv/svc:/bin/sh\n");
  write_file(r / "/etc/shadow", kShadow, 0640);
  write_file(r / "/etc/group", "root:x:0:\nsudo:x:27:alice,bob\nalice:x:1000:\nbob:x:1001:\nsvc:x:998:\n");
  write_file(r / "/etc/gshadow", "root:*::\nsudo:*::alice,bob\nalice:!::\nbob:!::\nsvc:!::\n", 0640);
  for (const char* backup : {"/etc/passwd-", "/etc/shadow-", "/etc/group-", "/etc/gshadow-"}) {
    write_file(r / backup, "old copy\n", 0600);
  }

  // ssh-host-keys; sshd's configuration and moduli stay.
  for (const char* key : {"rsa", "ed25519"}) {
    write_file(r / (std::string("/etc/ssh/ssh_host_") + key + "_key"), kPrivateKey, 0600);
    write_file(r / (std::string("/etc/ssh/ssh_host_") + key + "_key.pub"),
               "ssh-" + std::string(key) + " AAAA\n");
  }
  write_file(r / "/etc/ssh/ssh_host_ed25519_key-cert.pub", "cert\n");
  write_file(r / "/etc/ssh/sshd_config", "PermitRootLogin no\n");
  write_file(r / "/etc/ssh/moduli", "moduli\n");

  // machine-id and D-Bus's copy.
  write_file(r / "/etc/machine-id", kMachineId, 0444);
  write_file(r / "/var/lib/dbus/machine-id", kMachineId, 0444);

  // shell-history in every home, one of them a symlink to the guest's /etc/shadow.
  write_file(r / "/root/.bash_history", "mysql -p'secret'\n", 0600);
  write_file(r / "/root/.python_history", "import os\n", 0600);
  write_file(r / "/root/.sh_history", "ls\n", 0600);
  write_file(r / "/root/.lesshst", ".less-history-file:\n", 0600);
  write_file(r / "/home/alice/.zsh_history", ": 1:0;ls\n", 0600);
  write_file(r / "/home/alice/.local/share/fish/fish_history", "- cmd: ls\n", 0600);
  write_file(r / "/home/alice/.local/share/fish/fish_variables", "SETUVAR x\n", 0600);
  write_file(r / "/home/alice/.mysql_history", "show databases;\n", 0600);
  write_file(r / "/home/alice/.zshrc", "HISTFILE=~/.zsh_history\n");
  make_symlink("/etc/shadow", r / "/home/bob/.bash_history");
  make_symlink("../../../outside/secret", r / "/home/bob/.histfile");
  write_file(r / "/srv/svc/.bash_history", "systemctl restart svc\n", 0600);
  // A home that no account names any more (the user was deleted, the home kept).
  write_file(r / "/home/olduser/.bash_history", "rm -rf /\n", 0600);

  // ssh-user-keys; public keys, config and authorized_keys stay.
  write_file(r / "/root/.ssh/id_rsa",
             "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n", 0600);
  write_file(r / "/root/.ssh/id_rsa.pub", "ssh-rsa AAAA root@build\n");
  write_file(r / "/root/.ssh/authorized_keys", "ssh-ed25519 AAAA admin\n", 0600);
  write_file(r / "/home/alice/.ssh/id_ed25519", kPrivateKey, 0600);
  write_file(r / "/home/alice/.ssh/id_ed25519.pub", "ssh-ed25519 AAAA alice@build\n");
  write_file(r / "/home/alice/.ssh/deploy_key", kPrivateKey, 0600);
  write_file(r / "/home/alice/.ssh/id_dsa", "a key in no format we know\n", 0600);
  write_file(r / "/home/alice/.ssh/known_hosts", "github.com ssh-ed25519 AAAA\n");
  write_file(r / "/home/alice/.ssh/config", "Host *\n  IdentityFile ~/.ssh/deploy_key\n");
  write_file(r / "/home/alice/.ssh/authorized_keys", "ssh-ed25519 AAAA alice\n", 0600);
  write_file(r / "/home/alice/.ssh/notes.txt", "not a key\n");
  make_symlink("/etc/shadow", r / "/home/bob/.ssh/id_ecdsa");
  write_file(r / "/home/bob/.ssh/authorized_keys2", "ssh-rsa AAAA bob\n", 0600);

  // cloud-credentials; the tools' other files stay.
  write_file(r / "/root/.aliyun/config.json", "{\"access_key_id\": \"LTAI\"}\n", 0600);
  write_file(r / "/home/alice/.aws/credentials", "[default]\naws_secret_access_key = x\n", 0600);
  write_file(r / "/home/alice/.aws/config", "[profile ci]\naws_secret_access_key = x\n");
  write_file(r / "/home/alice/.aws/sso/cache/0123abcd.json", "{\"accessToken\": \"x\"}\n", 0600);
  write_file(r / "/home/alice/.aws/cli/cache/4567ef.json", "{\"Credentials\": {}}\n", 0600);
  write_file(r / "/home/bob/.azure/msal_token_cache.json", "{\"AccessToken\": {}}\n", 0600);
  write_file(r / "/home/alice/.oci/config", "[DEFAULT]\nkey_file=~/.oci/key.pem\n", 0600);
  write_file(r / "/home/alice/.oci/key.pem", kPrivateKey, 0600);
  write_file(r / "/home/alice/.config/gcloud/credentials.db", "sqlite\n", 0600);
  write_file(r / "/home/alice/.config/gcloud/configurations/config_default", "[core]\n");
  write_file(r / "/home/alice/.config/htop/htoprc", "fields=0\n");
  write_file(r / "/home/alice/.docker/config.json", "{\"auths\": {}}\n", 0600);
  write_file(r / "/home/alice/.docker/daemon.json", "{}\n");
  write_file(r / "/home/alice/.kube/config", "apiVersion: v1\n", 0600);
  write_file(r / "/home/alice/.kube/cache/discovery", "cache\n");
  make_symlink("../../outside", r / "/home/bob/.aliyun");

  // logs: truncated with their modes; the journal's files removed, its directory kept.
  write_file(r / "/var/log/syslog", "Nov 22 sshd: Accepted password for alice\n", 0640);
  write_file(r / "/var/log/auth.log", "sudo: alice : COMMAND=/bin/sh\n", 0600);
  write_file(r / "/var/log/apt/history.log", "Install: openssh-server\n", 0644);
  write_file(r / "/var/log/wtmp", std::string(384, '\1'), 0664);
  write_file(r / "/var/log/empty.log", "", 0644);
  write_file(r / "/var/log/journal/4f1c2b3a4d5e6f708192a3b4c5d6e7f8/system.journal", "LPKSHHRH", 0640);
  write_file(r / "/var/log/journal/4f1c2b3a4d5e6f708192a3b4c5d6e7f8/user-1000.journal", "LPKSHHRH", 0640);
  make_symlink("/etc/shadow", r / "/var/log/shadow.log");

  // dhcp-leases; a DHCP server's lease database and NetworkManager's state stay.
  write_file(r / "/var/lib/dhcp/dhclient.eth0.leases", "lease { fixed-address 10.0.0.5; }\n");
  write_file(r / "/var/lib/dhcp/dhcpd.leases", "# server database\n");
  write_file(r / "/var/lib/dhcp/dhcpd6.leases~", "# server database backup\n");
  write_file(r / "/var/lib/dhclient/dhclient-5d4c-eth0.lease", "lease {}\n");
  write_file(r / "/var/lib/NetworkManager/internal-5d4c-eth0.lease", "ADDRESS=10.0.0.5\n");
  write_file(r / "/var/lib/NetworkManager/NetworkManager.state", "[main]\n");

  // net-rules.
  write_file(r / "/etc/udev/rules.d/70-persistent-net.rules",
             "SUBSYSTEM==\"net\", ATTR{address}==\"52:54\"\n");
  write_file(r / "/etc/udev/rules.d/80-local.rules", "# mine\n");

  // ifcfg-hwaddr: only the HWADDR= lines go.
  write_file(
      r / "/etc/sysconfig/network-scripts/ifcfg-eth0",
      "DEVICE=eth0\nHWADDR=52:54:00:12:34:56\nBOOTPROTO=dhcp\n  HWADDR=\"52:54:00:12:34:57\"\nONBOOT=yes",
      0600);
  write_file(r / "/etc/sysconfig/network-scripts/ifcfg-lo", "DEVICE=lo\nMACADDR=00:00:00:00:00:00\n");

  // cloud-init-state; its configuration, seed and scripts stay.
  write_file(r / "/var/lib/cloud/instances/i-123/user-data.txt", "#cloud-config\npassword: x\n", 0600);
  write_file(r / "/var/lib/cloud/instances/i-123/sem/config_ssh", "done\n");
  make_symlink("/var/lib/cloud/instances/i-123", r / "/var/lib/cloud/instance");
  write_file(r / "/var/lib/cloud/sem/config_scripts_per_once.once", "done\n");
  write_file(r / "/var/lib/cloud/data/instance-id", "i-123\n");
  write_file(r / "/var/lib/cloud/seed/nocloud/meta-data", "instance-id: seed\n");
  write_file(r / "/var/lib/cloud/scripts/per-boot/hello.sh", "#!/bin/sh\n", 0755);
  write_file(r / "/etc/cloud/cloud.cfg", "users: [default]\n");

  // network-profiles: firstboot's cloud-init drop-ins go; the package's file and the
  // user's own drop-in (the one cloud-init's netplan file suggests) stay.
  write_file(r / "/etc/cloud/cloud.cfg.d/99-image-agent-network.cfg",
             "# Generated by image-agent firstboot from the cloud's os.conf.\nnetwork: {config: disabled}\n");
  write_file(r / "/etc/cloud/cloud.cfg.d/99-image-agent-hostname.cfg",
             "# Generated by image-agent firstboot from the cloud's os.conf.\npreserve_hostname: true\n");
  write_file(r / "/etc/cloud/cloud.cfg.d/90_dpkg.cfg", "datasource_list: [ AliYun, None ]\n");
  write_file(r / "/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg", "network: {config: disabled}\n");

  // tmp-files: the directories stay with their sticky modes.
  make_dir(r / "/tmp", 01777);
  make_dir(r / "/var/tmp", 01777);
  write_file(r / "/tmp/download.tar", "data\n");
  write_file(r / "/tmp/build/obj/a.o", "obj\n");
  make_dir(r / "/tmp/.X11-unix", 01777);
  make_symlink("/etc/shadow", r / "/tmp/shadow-link");
  make_symlink("../../../outside", r / "/tmp/outside-link");
  write_file(r / "/var/tmp/systemd-private-x/tmp/f", "f\n");

  // package-cache; debconf's database and apt's lists and lock stay.
  write_file(r / "/var/cache/apt/archives/openssh-server_9.2_amd64.deb", "deb\n");
  write_file(r / "/var/cache/apt/archives/lock", "");
  write_file(r / "/var/cache/apt/archives/partial/vim_9.0_amd64.deb", "partial\n");
  write_file(r / "/var/cache/apt/pkgcache.bin", "cache\n");
  write_file(r / "/var/cache/apt/srcpkgcache.bin", "cache\n");
  write_file(r / "/var/cache/debconf/config.dat", "Name: x\n");
  write_file(r / "/var/cache/dnf/fedora-1/repodata/primary.xml", "<xml/>\n");
  write_file(r / "/var/lib/apt/lists/deb.debian.org_Packages", "Package: x\n");

  // random-seed.
  write_file(r / "/var/lib/systemd/random-seed", std::string(512, '\7'), 0600);

  // user-accounts (off by default): alice owns her home and mail; bob's home is root's.
  write_file(r / "/var/spool/mail/alice", "From: x\n", 0660);
  if (::geteuid() == 0) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(r / "/home/alice")) {
      if (::lchown(entry.path().c_str(), 1000, 1000) != 0) throw std::runtime_error("chown");
    }
    if (::chown((r / "/home/alice").c_str(), 1000, 1000) != 0 ||
        ::chown((r / "/var/spool/mail/alice").c_str(), 1000, 8) != 0) {
      throw std::runtime_error("chown");
    }
  }
}

Counts run_operations(const std::string& root, const std::vector<std::string_view>& ids, bool cross_mounts) {
  Result<RootFs> fs = RootFs::open(root);
  if (!fs) throw std::runtime_error(fs.error().message);
  Result<Context> context = Context::make(*fs, {.cross_mounts = cross_mounts});
  if (!context) throw std::runtime_error(context.error().message);
  Counts total;
  for (std::string_view id : ids) {
    const Operation* op = find_operation(id);
    if (op == nullptr) throw std::runtime_error("no operation " + std::string(id));
    Outcome outcome = apply_plan(*fs, op->plan(*context));
    total.removed += outcome.counts.removed;
    total.truncated += outcome.counts.truncated;
    total.edited += outcome.counts.edited;
    total.skipped += outcome.counts.skipped;
    total.failed += outcome.counts.failed;
  }
  return total;
}

}  // namespace image_agent::sysprep::testing

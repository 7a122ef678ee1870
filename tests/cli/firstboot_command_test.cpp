// `image-agent firstboot` as an image builder runs it: --root on a tree, --os-conf FILE.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "platform/process.h"
#include "test_support/hostile_text.h"
#include "test_support/temp_dir.h"
#include "test_support/ubuntu_cloud_init.h"

namespace image_agent {
namespace {

using testing::read_file;
using testing::write_file;

constexpr const char* kPassword = "qwHr1234";
constexpr const char* kPasswordBase64 = "cXdIcjEyMzQK";

std::string classic_os_conf(const std::string& hostname_line) {
  return hostname_line + "\npassword=" + kPasswordBase64 +
         "\neth0_ip_addr=10.171.254.123\neth0_mac_addr=00:8c:fa:5e:14:23\neth0_netmask=255.255.255.0\n"
         "eth0_gateway=10.171.254.1\neth0_route=\"10.0.0.0/8 10.171.254.1;172.16.0.0/12 10.171.254.1\"\n"
         "eth1_ip_addr=42.120.74.105\neth1_mac_addr=00:8c:fa:5e:14:24\neth1_netmask=255.255.255.0\n"
         "eth1_gateway=42.120.74.1\neth1_route=\"0.0.0.0/0 42.120.74.1\"\ndns_nameserver=\"7.7.7.7 "
         "8.8.8.8\"\n";
}

/// A small Debian-like guest using ifupdown.
void make_guest(const testing::TempDir& dir) {
  write_file(dir / "root/etc/shadow", "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", 0640);
  write_file(dir / "root/etc/hostname", "localhost\n");
  write_file(dir / "root/etc/hosts", "127.0.0.1\tlocalhost\n");
  write_file(dir / "root/etc/resolv.conf", "nameserver 10.0.2.3\n");
  write_file(dir / "root/etc/network/interfaces",
             "source /etc/network/interfaces.d/*\nauto lo\niface lo inet loopback\n");
  std::filesystem::create_directories(dir / "root/etc/network/interfaces.d");
}

/// Every file under `root` with its content, for "nothing changed" checks.
std::map<std::string, std::string> snapshot(const std::string& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files[entry.path()] = read_file(entry.path());
  }
  return files;
}

RunResult firstboot(const std::vector<std::string>& args) {
  std::vector<std::string> argv{IMAGE_AGENT_BINARY, "--log-level", "debug", "firstboot"};
  argv.insert(argv.end(), args.begin(), args.end());
  Result<RunResult> r = run_program(argv);
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : RunResult{};
}

void expect_no_secret(const RunResult& r) {
  for (const std::string& text : {r.out, r.err}) {
    EXPECT_EQ(text.find(kPassword), std::string::npos) << text;
    EXPECT_EQ(text.find(kPasswordBase64), std::string::npos) << text;
    EXPECT_EQ(text.find("$6$"), std::string::npos) << text;
  }
}

TEST(FirstbootCommand, AppliesClassicOsConfDeletesItAndASecondRunChangesNothing) {
  testing::TempDir dir;
  make_guest(dir);
  write_file(dir / "os.conf", classic_os_conf("hostname=iZ23r29djmjZ"));
  RunResult r = firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_no_secret(r);
  EXPECT_EQ(read_file(dir / "root/etc/hostname"), "iZ23r29djmjZ\n");
  EXPECT_NE(read_file(dir / "root/etc/resolv.conf").find("nameserver 7.7.7.7\nnameserver 8.8.8.8\n"),
            std::string::npos);
  std::string interfaces = read_file(dir / "root/etc/network/interfaces.d/image-agent");
  EXPECT_NE(interfaces.find("10.0.0.0/8 via 10.171.254.1"), std::string::npos) << interfaces;
  EXPECT_NE(interfaces.find("172.16.0.0/12 via 10.171.254.1"), std::string::npos) << interfaces;
  EXPECT_NE(interfaces.find("gateway 42.120.74.1"), std::string::npos) << interfaces;
  std::string shadow = read_file(dir / "root/etc/shadow");
  EXPECT_EQ(shadow.substr(shadow.find('\n') + 1), "daemon:*:19000:0:99999:7:::\n");
  struct stat st {};
  EXPECT_NE(::stat((dir / "os.conf").c_str(), &st), 0) << "os.conf holds a password: deleted after success";

  // The same os.conf again: every file already has its content; nothing is rewritten.
  write_file(dir / "os.conf", classic_os_conf("hostname=iZ23r29djmjZ"));
  auto before = snapshot(dir / "root");
  struct stat hostname_before {};
  ::stat((dir / "root/etc/hostname").c_str(), &hostname_before);
  RunResult again = firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(snapshot(dir / "root"), before)
      << "root's hash already verifies: not even the password is rewritten";
  struct stat hostname_after {};
  ::stat((dir / "root/etc/hostname").c_str(), &hostname_after);
  EXPECT_EQ(hostname_before.st_ino, hostname_after.st_ino) << "no rename: same file";
  EXPECT_NE(again.err.find("hostname: already configured"), std::string::npos) << again.err;
}

// Issue 15 #9 and #13: a route line longer than inih's 200 bytes and an editor's byte
// order mark failed a group on every boot; both are the cloud's data and apply.
TEST(FirstbootCommand, ByteOrderMarkAndElevenRoutesApplyAndOsConfIsDeleted) {
  testing::TempDir dir;
  make_guest(dir);
  std::string routes;
  for (int i = 1; i <= 11; ++i) routes += "10." + std::to_string(i) + ".0.0/16 10.171.254.1;";
  std::string conf = classic_os_conf("\xEF\xBB\xBFhostname=iZ23r29djmjZ");
  const std::string old_routes = "\"10.0.0.0/8 10.171.254.1;172.16.0.0/12 10.171.254.1\"";
  conf.replace(conf.find(old_routes), old_routes.size(), "\"" + routes + "\"");
  ASSERT_GT(routes.size(), 198U);
  write_file(dir / "os.conf", conf);
  RunResult r = firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir / "root/etc/hostname"), "iZ23r29djmjZ\n");
  std::string interfaces = read_file(dir / "root/etc/network/interfaces.d/image-agent");
  EXPECT_NE(interfaces.find("10.11.0.0/16 via 10.171.254.1"), std::string::npos) << interfaces;
  struct stat st {};
  EXPECT_NE(::stat((dir / "os.conf").c_str(), &st), 0) << "every group applied: deleted";
}

TEST(FirstbootCommand, HostileValueFailsItsGroupOnlyKeepsOsConfAndExecutesNothing) {
  testing::TempDir dir;
  make_guest(dir);
  const std::string pwned = dir / "pwned";
  write_file(dir / "os.conf", classic_os_conf("hostname=$(touch " + pwned + ")"));
  RunResult r = firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("hostname: not applied: line 1 (hostname) '$' would be expanded by a shell"),
            std::string::npos)
      << r.err;
  struct stat st {};
  EXPECT_NE(::stat(pwned.c_str(), &st), 0) << "nothing was executed";
  EXPECT_EQ(::stat((dir / "os.conf").c_str(), &st), 0) << "kept for the next boot";
  EXPECT_EQ(read_file(dir / "root/etc/hostname"), "localhost\n");
  EXPECT_NE(read_file(dir / "root/etc/resolv.conf").find("7.7.7.7"), std::string::npos)
      << "DNS still applied";
  expect_no_secret(r);
}

// Spec (osconf.md): once the password group has applied, os.conf is rewritten without
// password= even when another group failed, so no later boot finds a password already set.
TEST(FirstbootCommand, PasswordLeavesOsConfOnceSetWhileTheFailedGroupWaitsForTheRetry) {
  testing::TempDir dir;
  make_guest(dir);
  // A user stanza for eth0: the network group is refused, the others apply.
  write_file(dir / "root/etc/network/interfaces.d/eth0",
             "auto eth0\niface eth0 inet static\n address 10.0.0.9/24\n");
  const std::string conf = classic_os_conf("hostname=iZ2ze3");
  write_file(dir / "os.conf", conf, 0600);
  RunResult r = firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("network: not applied"), std::string::npos) << r.err;
  EXPECT_NE(read_file(dir / "root/etc/shadow").find("root:$"), std::string::npos) << "the password is set";
  std::string expected = conf;
  expected.erase(expected.find("password="),
                 expected.find('\n', expected.find("password=")) + 1 - expected.find("password="));
  EXPECT_EQ(read_file(dir / "os.conf"), expected) << "only the password= line goes";
  struct stat st {};
  ASSERT_EQ(::stat((dir / "os.conf").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u) << "mode kept";
  EXPECT_NE(r.err.find("password= removed from"), std::string::npos) << r.err;
  expect_no_secret(r);

  // The user fixes the cause; the next boot applies the rest and deletes os.conf.
  std::filesystem::remove(dir / "root/etc/network/interfaces.d/eth0");
  RunResult retry = firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf"});
  EXPECT_EQ(retry.exit_code, 0) << retry.err;
  EXPECT_EQ(retry.err.find("password:"), std::string::npos) << "no password group left: " << retry.err;
  EXPECT_NE(::stat((dir / "os.conf").c_str(), &st), 0) << "deleted after full success";
}

TEST(FirstbootCommand, AFailedPasswordGroupKeepsThePasswordForTheRetry) {
  testing::TempDir dir;
  make_guest(dir);
  std::filesystem::remove(dir / "root/etc/shadow");  // no shadow: the password group fails
  const std::string conf = classic_os_conf("hostname=iZ2ze3");
  write_file(dir / "os.conf", conf);
  RunResult r = firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("password: not applied"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "os.conf"), conf);
}

RunResult sysprep(const std::vector<std::string>& args) {
  std::vector<std::string> argv{IMAGE_AGENT_BINARY, "sysprep"};
  argv.insert(argv.end(), args.begin(), args.end());
  Result<RunResult> r = run_program(argv);
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : RunResult{};
}

// Issue 15 #11: what firstboot and sysprep quote from the guest and from os.conf reaches
// stderr (at boot, the serial console) and stdout escaped: a profile named with a terminal
// escape and an invalid byte, a host name with C1 controls (U+009B CSI, and the 8-bit CSI
// byte) and invalid UTF-8. An ESC inside an os.conf value is refused unquoted.
TEST(FirstbootCommand, GuestFileNamesAndOsConfValuesAreEscapedInMessages) {
  testing::TempDir dir;
  const std::string scripts = dir / "root/etc/sysconfig/network-scripts";
  const std::string hostile_name = "ifcfg-eth0\x1B]0;pwned\x07\xFF";
  write_file(dir / "root/etc/shadow", "root:*:19000:0:99999:7:::\n", 0640);
  write_file(dir / "root/etc/hostname", "localhost.localdomain\n");
  write_file(dir / "root/etc/sysconfig/network", "# Created by anaconda\n");
  write_file(scripts + "/" + hostile_name, "DEVICE=eth0\nONBOOT=yes\nBOOTPROTO=static\nIPADDR=192.168.7.5\n");
  write_file(dir / "root/root/.ssh/id_rsa\x1B[2J\xC2\x85", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n",
             0600);
  write_file(dir / "os.conf",
             "hostname=evil\xC2\x9B"
             "31m\x9B"
             "2J\xFF\neth0_ip_addr=10.0.0.5\neth0_netmask=255.255.255.0\neth0_gateway=10.0.0.1\n"
             "eth0_mac_addr=00:16:3e:00:00:01\ndns_nameserver=\"7.7.7.7\x1B[2J\"\n");
  for (const bool dry_run : {true, false}) {
    std::vector<std::string> args{"--root",        dir / "root",        "--os-conf",
                                  dir / "os.conf", "--network-backend", "ifcfg-rhel"};
    if (dry_run) args.emplace_back("--dry-run");
    RunResult r = firstboot(args);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    for (const std::string& text : {r.out, r.err}) {
      EXPECT_EQ(testing::terminal_problem(text), "") << text;
      EXPECT_EQ(text.find('\x1B'), std::string::npos) << text;
    }
    EXPECT_NE(r.err.find("host name 'evil\\xc2\\x9b31m\\x9b2J\\xff'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("/etc/sysconfig/network-scripts/ifcfg-eth0\\x1b]0;pwned\\x07\\xff configures eth0"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("dns: not applied: line 6 (dns_nameserver) control character in value"),
              std::string::npos)
        << r.err;
  }

  // sysprep lists and removes the key by its name, shown escaped.
  RunResult listed = sysprep({"--root", dir / "root", "--operations", "ssh-user-keys", "--dry-run"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("remove /root/.ssh/id_rsa\\x1b[2J\\xc2\\x85"), std::string::npos) << listed.out;
  RunResult removed = sysprep({"--root", dir / "root", "--operations", "ssh-user-keys"});
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  for (const RunResult* s : {&listed, &removed}) {
    for (const std::string& text : {s->out, s->err}) EXPECT_EQ(testing::terminal_problem(text), "") << text;
  }
}

// Issue 13 #4/#5 on a CentOS 7 shaped tree: anaconda's DHCP ifcfg-eth0 is taken over (not
// refused), then sysprep's network-profiles puts it back byte for byte, mode kept, and
// removes firstboot's own files, so the captured image boots with DHCP again.
TEST(FirstbootCommand, StockRhelDhcpProfileIsTakenOverAndSysprepPutsItBack) {
  testing::TempDir dir;
  const std::string scripts = dir / "root/etc/sysconfig/network-scripts";
  write_file(dir / "root/etc/shadow", "root:*:19000:0:99999:7:::\n", 0640);
  write_file(dir / "root/etc/hostname", "localhost.localdomain\n");
  write_file(dir / "root/etc/sysconfig/network", "# Created by anaconda\n");
  const std::string anaconda =
      "TYPE=Ethernet\nPROXY_METHOD=none\nBROWSER_ONLY=no\nBOOTPROTO=dhcp\nDEFROUTE=yes\nIPV4_FAILURE_FATAL="
      "no\n"
      "NAME=eth0\nUUID=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03\nDEVICE=eth0\nONBOOT=yes\n";
  write_file(scripts + "/ifcfg-eth0", anaconda, 0600);
  write_file(scripts + "/ifcfg-lo", "DEVICE=lo\nIPADDR=127.0.0.1\nONBOOT=yes\n");
  write_file(dir / "os.conf",
             "hostname=iZ2ze3\neth0_ip_addr=10.0.0.5\neth0_netmask=255.255.255.0\neth0_gateway=10.0.0.1\n"
             "eth0_mac_addr=00:16:3e:00:00:01\n");
  RunResult r =
      firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf", "--network-backend", "ifcfg-rhel"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string displaced =
      dir / "root/var/lib/image-agent/displaced/etc/sysconfig/network-scripts/ifcfg-eth0";
  EXPECT_EQ(read_file(displaced), anaconda);
  EXPECT_NE(read_file(scripts + "/ifcfg-eth0").find("IPADDR=10.0.0.5"), std::string::npos);
  EXPECT_NE(r.err.find("took over /etc/sysconfig/network-scripts/ifcfg-eth0"), std::string::npos) << r.err;

  RunResult s = sysprep({"--root", dir / "root", "--operations", "network-profiles"});
  ASSERT_EQ(s.exit_code, 0) << s.out << s.err;
  EXPECT_EQ(read_file(scripts + "/ifcfg-eth0"), anaconda) << "the stock profile is back";
  struct stat st {};
  ASSERT_EQ(::stat((scripts + "/ifcfg-eth0").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600U);
  EXPECT_NE(::stat(displaced.c_str(), &st), 0) << "the set-aside copy is gone";
  EXPECT_EQ(testing::list_dir(scripts), "ifcfg-eth0 ifcfg-lo");
}

// The Debian installer's interfaces file: firstboot drops the eth0 stanza (the original is
// set aside), sysprep brings the original back whole.
TEST(FirstbootCommand, InstallerIfupdownStanzaIsTakenOverAndSysprepPutsItBack) {
  testing::TempDir dir;
  make_guest(dir);
  const std::string installer =
      "source /etc/network/interfaces.d/*\n\n# The loopback network interface\nauto lo\n"
      "iface lo inet loopback\n\n# The primary network interface\nallow-hotplug eth0\niface eth0 inet dhcp\n";
  write_file(dir / "root/etc/network/interfaces", installer);
  write_file(dir / "os.conf", classic_os_conf("hostname=iZ2ze3"));
  RunResult r = firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir / "root/etc/network/interfaces").find("eth0"), std::string::npos);
  RunResult s = sysprep({"--root", dir / "root", "--operations", "network-profiles"});
  ASSERT_EQ(s.exit_code, 0) << s.out << s.err;
  EXPECT_EQ(read_file(dir / "root/etc/network/interfaces"), installer);
  EXPECT_EQ(testing::list_dir(dir / "root/etc/network/interfaces.d"), "") << "firstboot's file is removed";
}

// Issue 13 #11: on a guest with cloud-init, firstboot's network and hostname groups each
// write a cloud.cfg.d drop-in keeping cloud-init off them (the dry run shows them); sysprep's
// network-profiles removes both, so an instance made from the captured image without
// os.conf gets its network and host name from cloud-init again. cloud-init's own files stay.
TEST(FirstbootCommand, CloudInitDropInsComeWithTheirGroupsAndSysprepRemovesThem) {
  testing::TempDir dir;
  make_guest(dir);
  testing::write_ubuntu_2204_cloud_init(dir / "root");
  write_file(dir / "os.conf", classic_os_conf("hostname=iZ23r29djmjZ"));
  RunResult dry = firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("+network: {config: disabled}\n"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("+preserve_hostname: true\n"), std::string::npos) << dry.out;

  RunResult r = firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string dropins = dir / "root/etc/cloud/cloud.cfg.d";
  EXPECT_EQ(testing::list_dir(dropins),
            "05_logging.cfg 90_dpkg.cfg 99-image-agent-hostname.cfg 99-image-agent-network.cfg README");

  RunResult s = sysprep({"--root", dir / "root", "--operations", "network-profiles"});
  ASSERT_EQ(s.exit_code, 0) << s.out << s.err;
  EXPECT_EQ(testing::list_dir(dropins), "05_logging.cfg 90_dpkg.cfg README");
  EXPECT_EQ(read_file(dropins + "/90_dpkg.cfg"), testing::kUbuntu2204Dpkg);
}

TEST(FirstbootCommand, DryRunShowsDiffsChangesNothingAndHidesThePassword) {
  testing::TempDir dir;
  make_guest(dir);
  write_file(dir / "os.conf", classic_os_conf("hostname=iZ23r29djmjZ"));
  auto before = snapshot(dir.path());
  RunResult r = firstboot({"--root", dir / "root", "--os-conf", dir / "os.conf", "--dry-run"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(snapshot(dir.path()), before);
  EXPECT_NE(r.out.find("+iZ23r29djmjZ\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+root:<new hash>:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# network (backend ifupdown)"), std::string::npos) << r.out;
  expect_no_secret(r);
}

TEST(FirstbootCommand, NoOsConfDoesNothing) {
  testing::TempDir dir;
  make_guest(dir);
  auto before = snapshot(dir.path());
  RunResult r = firstboot({"--root", dir / "root"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("no os.conf found"), std::string::npos) << r.err;
  EXPECT_EQ(snapshot(dir.path()), before);
}

TEST(FirstbootCommand, FindsOsConfInsideTheOfflineTree) {
  testing::TempDir dir;
  make_guest(dir);
  write_file(dir / "root/boot/aliyun_custom_image/os.conf", "hostname=from-boot\n");
  RunResult r = firstboot({"--root", dir / "root"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir / "root/etc/hostname"), "from-boot\n");
  struct stat st {};
  EXPECT_NE(::stat((dir / "root/boot/aliyun_custom_image/os.conf").c_str(), &st), 0);
}

TEST(FirstbootCommand, OsConfLinkInTheTreeResolvesInsideTheTreeNeverOnTheHost) {
  // A guest's aliyun_custom_image -> /elsewhere must mean the tree's /elsewhere: before,
  // the host's /elsewhere/os.conf was read, applied and deleted.
  testing::TempDir dir;
  make_guest(dir);
  write_file(dir / "elsewhere/os.conf", "hostname=from-the-host\n");
  std::filesystem::create_directories(dir / "root/boot");
  ASSERT_EQ(::symlink((dir / "elsewhere").c_str(), (dir / "root/aliyun_custom_image").c_str()), 0);
  RunResult r = firstboot({"--root", dir / "root"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("no os.conf found"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "root/etc/hostname"), "localhost\n");
  EXPECT_EQ(read_file(dir / "elsewhere/os.conf"), "hostname=from-the-host\n");

  // The same link target inside the tree is the tree's own file, and is found there.
  write_file(dir / "root" + (dir / "elsewhere/os.conf"), "hostname=from-the-tree\n");
  r = firstboot({"--root", dir / "root"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir / "root/etc/hostname"), "from-the-tree\n");
  EXPECT_EQ(read_file(dir / "elsewhere/os.conf"), "hostname=from-the-host\n");
}

TEST(FirstbootCommand, DeletedOsConfIsZeroedFirstUnlessAnotherNameSharesIt) {
  testing::TempDir dir;
  make_guest(dir);
  const std::string os_conf = dir / "root/aliyun_custom_image/os.conf";
  write_file(os_conf, "hostname=zeroed\npassword=" + std::string(kPasswordBase64) + "\n");
  // An open descriptor still sees the inode's blocks after the unlink.
  const int fd = ::open(os_conf.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  RunResult r = firstboot({"--root", dir / "root"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(::access(os_conf.c_str(), F_OK), 0) << "os.conf deleted";
  std::string left(64, 'x');
  const ssize_t n = ::pread(fd, left.data(), left.size(), 0);
  ::close(fd);
  ASSERT_GT(n, 0);
  left.resize(static_cast<size_t>(n));
  EXPECT_EQ(left, std::string(left.size(), '\0')) << "the password stayed in the deleted file's blocks";

  // A hard link elsewhere in the tree (here: a hostile one to a guest file) keeps its content.
  write_file(dir / "root/etc/keep", "hostname=linked\n");
  ASSERT_EQ(::link((dir / "root/etc/keep").c_str(), os_conf.c_str()), 0);
  r = firstboot({"--root", dir / "root"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(::access(os_conf.c_str(), F_OK), 0);
  EXPECT_EQ(read_file(dir / "root/etc/keep"), "hostname=linked\n");
}

TEST(FirstbootCommand, UsageErrors) {
  EXPECT_EQ(firstboot({"--bogus"}).exit_code, 2);
  EXPECT_EQ(firstboot({"extra"}).exit_code, 2);
  testing::TempDir dir;
  EXPECT_EQ(firstboot({"--root", dir / "root", "--os-conf", dir / "missing.conf"}).exit_code, 2);
  RunResult help = firstboot({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--network-backend NAME"), std::string::npos);
}

}  // namespace
}  // namespace image_agent

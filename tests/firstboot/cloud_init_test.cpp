// firstboot beside cloud-init (issue 13, point 11): on a guest with cloud-init, the network
// and hostname groups each write a cloud.cfg.d drop-in that keeps cloud-init off what they
// configured. cloud-init itself judges the drop-ins where it is installed: its schema
// check, and its own merge of the Ubuntu 22.04 image's configuration with them.
#include "firstboot/cloud_init.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "firstboot/firstboot.h"
#include "guest/cloud_init.h"
#include "platform/process.h"
#include "test_support/run_checked.h"
#include "test_support/temp_dir.h"
#include "test_support/ubuntu_cloud_init.h"

namespace image_agent::firstboot {
namespace {

using image_agent::testing::read_file;
using image_agent::testing::TempDir;
using image_agent::testing::write_file;

constexpr const char* kNetworkDropIn = "etc/cloud/cloud.cfg.d/99-image-agent-network.cfg";
constexpr const char* kHostnameDropIn = "etc/cloud/cloud.cfg.d/99-image-agent-hostname.cfg";

constexpr const char* kOsConf =
    "hostname=iZ23r29djmjZ\neth0_ip_addr=10.171.254.123\neth0_mac_addr=00:8c:fa:5e:14:23\n"
    "eth0_netmask=255.255.255.0\neth0_gateway=10.171.254.1\neth0_route=\"0.0.0.0/0 10.171.254.1\"\n"
    "dns_nameserver=\"7.7.7.7 8.8.8.8\"\n";

/// An instance captured from the Ubuntu 22.04 cloud image: netplan with cloud-init's DHCP
/// file for eth0 (as its first boot rendered it), cloud-init's configuration and units.
void make_ubuntu_guest(const TempDir& dir) {
  testing::write_ubuntu_2204_cloud_init(dir.path());
  write_file(dir / "usr/sbin/netplan", "#!/usr/bin/python3\n", 0755);
  write_file(
      dir / "etc/netplan/50-cloud-init.yaml",
      "# This file is generated from information provided by the datasource.  Changes\n"
      "# to it will not persist across an instance reboot.  To disable cloud-init's\n"
      "# network configuration capabilities, write a file\n"
      "# /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg with the following:\n"
      "# network: {config: disabled}\nnetwork:\n    ethernets:\n        eth0:\n            dhcp4: true\n"
      "            match:\n                macaddress: 00:8c:fa:5e:14:23\n            set-name: eth0\n"
      "    version: 2\n");
  write_file(dir / "etc/hostname", "ubuntu\n");
  write_file(dir / "etc/hosts", "127.0.0.1 localhost\n");
}

FirstbootReport run(const TempDir& dir, std::string_view os_conf) {
  Result<RootFs> fs = RootFs::open(dir.path());
  if (!fs) throw std::runtime_error(fs.error().message);
  FirstbootOptions options;
  options.live = false;
  return run_firstboot(*fs, parse_os_conf(os_conf), options);
}

const GroupReport& group(const FirstbootReport& report, std::string_view name) {
  auto it = std::find_if(report.groups.begin(), report.groups.end(),
                         [&](const GroupReport& g) { return g.group == name; });
  if (it == report.groups.end()) throw std::runtime_error("no group " + std::string(name));
  return *it;
}

bool changed(const GroupReport& report, const std::string& path) {
  return std::find(report.changed.begin(), report.changed.end(), path) != report.changed.end();
}

TEST(CloudInitDropIn, EachGroupWritesItsOwnAndARerunChangesNothing) {
  TempDir dir;
  make_ubuntu_guest(dir);
  FirstbootReport report = run(dir, kOsConf);
  ASSERT_FALSE(report.failed()) << group(report, "network").error << group(report, "hostname").error;
  // Each drop-in is a change of the group it protects: applied and rolled back with it.
  EXPECT_TRUE(changed(group(report, "network"), "/" + std::string(kNetworkDropIn)));
  EXPECT_TRUE(changed(group(report, "hostname"), "/" + std::string(kHostnameDropIn)));
  EXPECT_FALSE(changed(group(report, "dns"), "/" + std::string(kNetworkDropIn)));

  const std::string network = read_file(dir / kNetworkDropIn);
  EXPECT_TRUE(guest::is_owned(network)) << network;
  EXPECT_NE(network.find("\nnetwork: {config: disabled}\n"), std::string::npos) << network;
  const std::string hostname = read_file(dir / kHostnameDropIn);
  EXPECT_TRUE(guest::is_owned(hostname)) << hostname;
  EXPECT_NE(hostname.find("\npreserve_hostname: true\nmanage_etc_hosts: false\n"), std::string::npos)
      << hostname;

  // cloud-init's configuration as it merges it now keeps its hands off.
  Result<RootFs> fs = RootFs::open(dir.path());
  std::vector<std::string> errors;
  guest::EffectiveCloudConfig merged =
      guest::merge_cloud_config(guest::read_cloud_config_files(*fs, &errors));
  EXPECT_TRUE(merged.network_disabled());
  EXPECT_TRUE(merged.hostname_preserved()) << "over cloud.cfg's preserve_hostname: false";
  EXPECT_FALSE(merged.etc_hosts_managed());
  EXPECT_EQ(read_file(dir / "etc/cloud/cloud.cfg"), testing::kUbuntu2204CloudCfg) << "stock files untouched";

  FirstbootReport again = run(dir, kOsConf);
  for (const GroupReport& g : again.groups) {
    EXPECT_EQ(g.status, GroupReport::Status::kUnchanged) << g.group << ": " << g.error;
  }
}

TEST(CloudInitDropIn, OnlyForTheGroupsOsConfHasAndOnlyWithCloudInit) {
  TempDir dir;
  make_ubuntu_guest(dir);
  ASSERT_FALSE(run(dir, "hostname=iZ2ze3\n").failed());
  EXPECT_TRUE(std::filesystem::exists(dir / kHostnameDropIn));
  EXPECT_FALSE(std::filesystem::exists(dir / kNetworkDropIn)) << "firstboot did not touch the network";

  TempDir plain;  // no cloud-init: nothing is written under /etc/cloud
  write_file(plain / "etc/hostname", "localhost\n");
  ASSERT_FALSE(run(plain, "hostname=iZ2ze3\n").failed());
  EXPECT_FALSE(std::filesystem::exists(plain / "etc/cloud"));

  Result<RootFs> fs = RootFs::open(dir.path());
  for (const char* other : {"password", "dns"}) {
    Result<FileChanges> none = plan_cloud_init_dropin(*fs, other);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty()) << other;
  }
}

TEST(CloudInitDropIn, AUsersFileAtOurPathRefusesTheGroupAndNamesIt) {
  TempDir dir;
  make_ubuntu_guest(dir);
  const std::string mine = "network: {config: disabled}\n";
  write_file(dir / kNetworkDropIn, mine);
  FirstbootReport report = run(dir, kOsConf);
  const GroupReport& network = group(report, "network");
  EXPECT_EQ(network.status, GroupReport::Status::kFailed);
  EXPECT_NE(
      network.error.find("/etc/cloud/cloud.cfg.d/99-image-agent-network.cfg exists and is not image-agent's"),
      std::string::npos)
      << network.error;
  EXPECT_EQ(read_file(dir / kNetworkDropIn), mine);
  EXPECT_FALSE(std::filesystem::exists(dir / "etc/netplan/90-image-agent.yaml"))
      << "nothing of the group written";
  EXPECT_EQ(group(report, "hostname").status, GroupReport::Status::kApplied) << "the other groups go on";
}

// The real cloud-init, where it is installed (packaging/install-deps installs it).
std::string cloud_init_program() {
  for (const char* path : {"/usr/bin/cloud-init", "/usr/local/bin/cloud-init"}) {
    if (::access(path, X_OK) == 0) return path;
  }
  return {};
}

// `cloud-init schema` checks user data, which must start with "#cloud-config"; cloud.cfg.d
// files are read without that header (the stock 05_logging.cfg has none), and ours starts
// with the owned marker instead. The check runs on a copy with the header in front.
TEST(CloudInitOracle, SchemaAcceptsBothDropIns) {
  const std::string cloud_init = cloud_init_program();
  if (cloud_init.empty())
    GTEST_SKIP() << "cloud-init is not installed (Debian package cloud-init, see packaging/install-deps)";
  TempDir dir;
  // A control the schema must reject, so that its acceptance below means something.
  write_file(dir / "bad.cfg", "#cloud-config\npreserve_hostname: 7\nmanage_etc_hosts: sometimes\n");
  RunResult bad = testing::run_checked({cloud_init, "schema", "--config-file", dir / "bad.cfg"});
  EXPECT_FALSE(bad.succeeded()) << bad.out;
  for (const char* name : {"network", "hostname"}) {
    SCOPED_TRACE(name);
    write_file(dir / "dropin.cfg", "#cloud-config\n" + cloud_init_dropin(name));
    RunResult result = testing::run_checked({cloud_init, "schema", "--config-file", dir / "dropin.cfg"});
    EXPECT_TRUE(result.succeeded()) << result.out << result.err;
    EXPECT_NE(result.out.find("Valid cloud-config"), std::string::npos) << result.out;
  }
}

// cloud-init's own reader (util.read_conf_with_confd: cloud.cfg, then cloud.cfg.d in name
// order, merged) and its own test of a disabled network (net.is_disabled_cfg), on the
// Ubuntu 22.04 image after firstboot: the drop-ins win over the stock files.
TEST(CloudInitOracle, ItsOwnMergeOfTheUbuntuImageKeepsItOff) {
  const std::string cloud_init = cloud_init_program();
  if (cloud_init.empty()) GTEST_SKIP() << "cloud-init is not installed (Debian package cloud-init)";
  // The Python cloud-init runs with (its #! line), which can import its modules.
  std::string python = read_file(cloud_init);
  python = python.substr(0, python.find('\n'));
  if (!python.starts_with("#!/")) GTEST_SKIP() << cloud_init << " is not a script: " << python;
  python = python.substr(2);
  python = python.substr(0, python.find(' '));
  const char* script =
      "import sys\n"
      "from cloudinit import net, util\n"
      "cfg = util.read_conf_with_confd(sys.argv[1])\n"
      "print(net.is_disabled_cfg(cfg.get('network')), util.get_cfg_option_bool(cfg, 'preserve_hostname'),\n"
      "      util.translate_bool(cfg.get('manage_etc_hosts'), addons=['template', 'localhost']))\n";
  TempDir dir;
  make_ubuntu_guest(dir);
  // As diskimage-builder's cloud-init element writes it with DIB_CLOUD_INIT_ETC_HOSTS set.
  write_file(dir / "etc/cloud/cloud.cfg.d/10_etc_hosts.cfg", "manage_etc_hosts: localhost\n");
  RunResult before = testing::run_checked({python, "-c", script, dir / "etc/cloud/cloud.cfg"});
  if (before.err.find("ModuleNotFoundError") != std::string::npos)
    GTEST_SKIP() << "python3 cannot import cloudinit: " << before.err;
  ASSERT_TRUE(before.succeeded()) << before.err;
  EXPECT_EQ(before.out, "False False True\n") << "the image lets cloud-init configure all three";
  ASSERT_FALSE(run(dir, kOsConf).failed());
  RunResult after = testing::run_checked({python, "-c", script, dir / "etc/cloud/cloud.cfg"});
  ASSERT_TRUE(after.succeeded()) << after.err;
  EXPECT_EQ(after.out, "True True False\n");
}

}  // namespace
}  // namespace image_agent::firstboot

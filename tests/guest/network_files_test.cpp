// guest/'s readers of network configuration: which files each stack reads (search paths,
// precedence, sourced files) over real directory trees, and what firstboot needs of each
// format besides the addressing precheck reads (parsers_network_test.cpp).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest/config_files.h"
#include "guest/ifcfg.h"
#include "guest/ifupdown.h"
#include "guest/netplan.h"
#include "guest/nm_config.h"
#include "guest/nm_keyfile.h"
#include "guest/systemd_network.h"
#include "test_support/temp_dir.h"

namespace image_agent::guest {
namespace {

using image_agent::testing::TempDir;
using image_agent::testing::write_file;

RootFs open_root(const TempDir& root) {
  Result<RootFs> fs = RootFs::open(root.path());
  EXPECT_TRUE(fs.ok());
  return std::move(*fs);
}

std::vector<std::string> paths(const ConfigFiles& found) {
  std::vector<std::string> out;
  for (const ConfigFile& file : found.files) out.push_back(file.path + (file.vendor ? " (vendor)" : ""));
  return out;
}

TEST(NetplanFiles, RunHidesEtcHidesLibThenByName) {
  TempDir root;
  write_file(root / "lib/netplan/10-vendor.yaml", "network: {}\n");
  write_file(root / "lib/netplan/50-cloud-init.yaml", "lib\n");
  write_file(root / "etc/netplan/50-cloud-init.yaml", "etc\n");
  write_file(root / "etc/netplan/90-admin.yaml", "etc\n");
  write_file(root / "run/netplan/90-admin.yaml", "run\n");
  write_file(root / "etc/netplan/README", "not yaml by name\n");
  RootFs fs = open_root(root);
  ConfigFiles found = load_netplan_files(fs);
  EXPECT_TRUE(found.unreadable.empty());
  EXPECT_EQ(paths(found),
            (std::vector<std::string>{"/lib/netplan/10-vendor.yaml (vendor)",
                                      "/etc/netplan/50-cloud-init.yaml", "/run/netplan/90-admin.yaml"}));
}

TEST(NetplanFiles, LaterFileOverridesScalarsAndAddsToLists) {
  Result<std::vector<NetplanEthernet>> first = parse_netplan_file(
      "network:\n  ethernets:\n    eth0:\n      match: {macaddress: \"52:54:00:12:34:56\"}\n      dhcp4: "
      "true\n"
      "      addresses: [10.0.0.5/24]\n",
      "/etc/netplan/50-cloud-init.yaml");
  Result<std::vector<NetplanEthernet>> second = parse_netplan_file(
      "network:\n  ethernets:\n    eth0:\n      match: {name: eth0}\n      dhcp4: false\n      addresses: "
      "[10.0.0.6/24]\n      routes: [{to: 0.0.0.0/0, via: 10.0.0.1}]\n",
      "/etc/netplan/90-admin.yaml");
  ASSERT_TRUE(first.ok() && second.ok());
  std::vector<NetplanEthernet> merged = merge_netplan({*first, *second});
  ASSERT_EQ(merged.size(), 1u);
  const NetplanEthernet& eth = merged[0];
  EXPECT_EQ(eth.path, "/etc/netplan/90-admin.yaml");
  EXPECT_EQ(eth.dhcp4, std::optional<bool>(false));
  EXPECT_EQ(eth.addresses, (std::vector<std::string>{"10.0.0.5/24", "10.0.0.6/24"}));
  EXPECT_TRUE(eth.routes);
  EXPECT_EQ(eth.match, (std::vector<std::pair<std::string, std::string>>{{"macaddress", "52:54:00:12:34:56"},
                                                                         {"name", "eth0"}}));
  EXPECT_EQ(eth.nic_name(), "eth0");
}

TEST(NetworkUnits, EtcHidesVendorOfTheSameNameAndBothAreListed) {
  TempDir root;
  write_file(root / "lib/systemd/network/99-default.link", "[Link]\nNamePolicy=kernel\n");
  write_file(root / "lib/systemd/network/80-container-host0.network", "[Match]\nName=host0\n");
  write_file(root / "etc/systemd/network/99-default.link", "# masked by the admin\n");
  write_file(root / "run/systemd/network/10-netplan-eth0.network", "[Match]\nName=eth0\n");
  RootFs fs = open_root(root);
  EXPECT_EQ(paths(load_network_units(fs, ".link")),
            std::vector<std::string>{"/etc/systemd/network/99-default.link"});
  EXPECT_EQ(paths(load_network_units(fs, ".network")),
            (std::vector<std::string>{"/run/systemd/network/10-netplan-eth0.network",
                                      "/lib/systemd/network/80-container-host0.network (vendor)"}));
}

TEST(NetworkUnits, MatchIsJudgedConservatively) {
  const char* mac = "52:54:00:12:34:56";
  struct Case {
    const char* text;
    bool selects;
  };
  const Case cases[] = {
      {"[Match]\nName=eth0\n", true},
      {"[Match]\nName=en*\n", false},
      {"[Match]\nName=!eth0\n", false},
      {"[Match]\nName=eth1\nName=\nName=eth*\n", true},  // an empty assignment clears the list
      {"[Match]\nMACAddress=52:54:00:AA:BB:CC\n", false},
      {"[Match]\nMACAddress=52:54:00:12:34:56\n", true},
      {"[Match]\nPermanentMACAddress=52:54:00:12:34:56 52:54:00:aa:bb:cc\n", true},
      {"[Match]\nDriver=virtio_net\n", true},  // not decidable from files: counts as matching
      {"[Network]\nDHCP=yes\n", true},         // no [Match] at all: every link
  };
  for (const Case& c : cases) {
    EXPECT_EQ(match_may_select(parse_network_unit(c.text).match, mac, "eth0"), c.selects) << c.text;
  }
}

TEST(Ifcfg, FirstbootFieldsAndFileNames) {
  Ifcfg ifcfg = parse_ifcfg("DEVICE=eth0\nHWADDR=52:54:00:12:34:56\nONBOOT=no\nBOOTPROTO=DHCP\n",
                            "/etc/sysconfig/network-scripts/ifcfg-System_eth0");
  EXPECT_EQ(ifcfg.device, "eth0");
  EXPECT_EQ(ifcfg.hwaddr, "52:54:00:12:34:56");
  EXPECT_FALSE(ifcfg.onboot);
  EXPECT_EQ(ifcfg.bootproto, "dhcp");
  EXPECT_TRUE(parse_ifcfg("", "/etc/sysconfig/network-scripts/ifcfg-eth1").onboot);
  EXPECT_EQ(parse_ifcfg("", "/etc/sysconfig/network-scripts/ifcfg-eth1").device, "eth1");

  for (const char* name : {"ifcfg-eth0", "ifcfg-System_eth0", "ifcfg-ens3"})
    EXPECT_TRUE(is_ifcfg_name(name)) << name;
  for (const char* name : {"ifcfg-lo", "ifcfg-eth0:1", "ifcfg-eth0.bak", "ifcfg-eth0~", "ifcfg-eth0.rpmsave",
                           "ifcfg-eth0.old", "route-eth0", "network"}) {
    EXPECT_FALSE(is_ifcfg_name(name)) << name;
  }
}

TEST(Ifcfg, RhelDirectoryIsAFileOnSuseAndThatIsNoError) {
  TempDir root;
  write_file(root / "etc/sysconfig/network", "NETWORKING=yes\n");  // RHEL: a file
  write_file(root / "etc/sysconfig/network-scripts/ifcfg-eth0", "BOOTPROTO=dhcp\n");
  write_file(root / "etc/sysconfig/network-scripts/ifcfg-eth0.bak", "BOOTPROTO=none\n");
  RootFs fs = open_root(root);
  ConfigFiles suse = load_ifcfg_files(fs, kSuseIfcfgDir);
  EXPECT_TRUE(suse.files.empty());
  EXPECT_TRUE(suse.unreadable.empty());
  EXPECT_EQ(paths(load_ifcfg_files(fs, kRhelIfcfgDir)),
            std::vector<std::string>{"/etc/sysconfig/network-scripts/ifcfg-eth0"});
}

TEST(Interfaces, SourcedFilesInIfupdownsOrderEachOnce) {
  TempDir root;
  write_file(root / "etc/network/interfaces",
             "auto lo\niface lo inet loopback\nsource interfaces.d/*\nsource-directory /etc/network/more\n"
             "source /etc/network/interfaces.d/eth0\n");
  write_file(root / "etc/network/interfaces.d/eth0", "iface eth0 inet dhcp\n");
  write_file(root / "etc/network/interfaces.d/loop", "source /etc/network/interfaces\n");
  write_file(root / "etc/network/more/eth1", "iface eth1 inet static\n");
  write_file(root / "etc/network/more/eth2.cfg", "iface eth2 inet dhcp\n");  // not a run-parts name
  RootFs fs = open_root(root);
  InterfacesFiles found = load_interfaces(fs);
  EXPECT_TRUE(found.unreadable.empty());
  std::vector<std::string> order;
  for (const InterfacesFile& file : found.files) order.push_back(file.path);
  EXPECT_EQ(order, (std::vector<std::string>{"/etc/network/interfaces", "/etc/network/interfaces.d/eth0",
                                             "/etc/network/interfaces.d/loop", "/etc/network/more/eth1"}));
  ASSERT_EQ(found.files[1].stanzas.size(), 1u);
  EXPECT_EQ(found.files[1].stanzas[0].name, "eth0");
  EXPECT_EQ(found.files[1].stanzas[0].method, "dhcp");
}

TEST(Interfaces, AnUnreadableSourcedFileIsNotAbsent) {
  TempDir root;
  write_file(root / "etc/network/interfaces", "source /etc/network/interfaces.d/*\n");
  // A link to itself fails with ELOOP, for root too: a file that is there and cannot be read.
  write_file(root / "etc/network/interfaces.d/.keep", "");
  ASSERT_EQ(::symlink("eth0", (root / "etc/network/interfaces.d/eth0").c_str()), 0);
  RootFs fs = open_root(root);
  InterfacesFiles found = load_interfaces(fs);
  ASSERT_EQ(found.unreadable.size(), 1u);
  EXPECT_NE(found.unreadable[0].message.find("/etc/network/interfaces.d/eth0"), std::string::npos);
}

TEST(ConfigFiles, FifosAndDirectoriesAreNeverRead) {
  TempDir root;
  write_file(root / "etc/NetworkManager/system-connections/eth0.nmconnection",
             "[connection]\ntype=ethernet\n");
  ASSERT_EQ(::mkfifo((root / "etc/NetworkManager/system-connections/fifo").c_str(), 0600), 0);
  ASSERT_EQ(::mkdir((root / "etc/NetworkManager/system-connections/dir").c_str(), 0700), 0);
  ASSERT_EQ(::symlink("fifo", (root / "etc/NetworkManager/system-connections/link").c_str()), 0);
  RootFs fs = open_root(root);
  ConfigFiles found = load_nm_keyfiles(fs);  // would hang on the FIFO if it opened it
  EXPECT_TRUE(found.unreadable.empty());
  EXPECT_EQ(paths(found),
            std::vector<std::string>{"/etc/NetworkManager/system-connections/eth0.nmconnection"});
}

TEST(NmKeyfile, PriorityAutoconnectAndBinding) {
  NmKeyfile keyfile = parse_nm_keyfile(
      "[connection]\nid=System eth0\ntype=ethernet\nautoconnect=false\nautoconnect-priority=999\n"
      "interface-name=eth0\n[802-3-ethernet]\nmac-address=52:54:00:12:34:56\n");
  EXPECT_EQ(keyfile.id, "System eth0");
  EXPECT_TRUE(keyfile.ethernet());
  EXPECT_FALSE(keyfile.autoconnect);
  EXPECT_EQ(keyfile.autoconnect_priority, 999);
  EXPECT_EQ(keyfile.interface_name, "eth0");
  EXPECT_EQ(keyfile.mac, "52:54:00:12:34:56");
  EXPECT_EQ(keyfile.method4, "auto");  // NM's default
  NmKeyfile defaults = parse_nm_keyfile("[connection]\ntype=wifi\nautoconnect-priority=junk\n");
  EXPECT_TRUE(defaults.autoconnect);
  EXPECT_EQ(defaults.autoconnect_priority, 0);
  EXPECT_FALSE(defaults.ethernet());
}

TEST(NmMainConfig, LaterConfDFileWinsAndEtcHidesUsrLib) {
  TempDir root;
  write_file(root / "etc/NetworkManager/NetworkManager.conf", "[main]\nplugins=ifcfg-rh\ndns=none\n");
  write_file(root / "usr/lib/NetworkManager/conf.d/00-server.conf", "[main]\nrc-manager=unmanaged\n");
  write_file(root / "etc/NetworkManager/conf.d/00-server.conf", "[main]\n# admin's copy\n");
  write_file(root / "etc/NetworkManager/conf.d/90-dns.conf", "[main]\ndns=default\n[logging]\ndns=none\n");
  Result<NmMainConfig> config = read_nm_main_config(open_root(root));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->dns, "default");
  EXPECT_EQ(config->rc_manager, "");
  EXPECT_TRUE(config->writes_resolv_conf());
  EXPECT_FALSE(parse_nm_main_config({"[main]\nrc-manager=unmanaged\n"}).writes_resolv_conf());
  EXPECT_FALSE(parse_nm_main_config({"[main]\ndns=default\n", "[main]\ndns=none\n"}).writes_resolv_conf());
}

}  // namespace
}  // namespace image_agent::guest

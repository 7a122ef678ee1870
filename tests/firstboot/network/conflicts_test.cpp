// The user's own network config: left alone, and either made harmless by how the stack
// orders its files or reported as an error that names the user's file; a stock DHCP
// profile for an os.conf NIC is the one exception: it is taken over (set aside whole).

#include <gtest/gtest.h>

#include <filesystem>

#include "fixtures.h"
#include "guest/ifupdown.h"
#include "guest/own_files.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

using image_agent::testing::TempDir;
using image_agent::testing::write_file;

// Plans `backend` for `settings` on a seeded guest plus the user's files in `user`.
Result<FileChanges> plan_with(const std::string& backend, const NetworkSettings& settings,
                              const std::vector<std::pair<std::string, std::string>>& user) {
  TempDir root;
  testing::seed_guest(backend, root.path());
  for (const auto& [path, content] : user) write_file(root / path, content);
  return testing::plan_offline(backend, settings, root.path());
}

void expect_error_naming(const Result<FileChanges>& plan, const std::string& path) {
  ASSERT_FALSE(plan) << "expected an error naming " << path;
  EXPECT_NE(plan.error().message.find(path), std::string::npos) << plan.error().message;
}

/// The user's files the plan sets aside (take_over.h), by original path.
std::vector<std::string> taken_over(const FileChanges& changes) {
  std::vector<std::string> paths;
  for (const FileChange& change : changes) {
    if (change.kind == FileChange::Kind::kCopy) {
      EXPECT_EQ(change.path, guest::displaced_path(change.content));
      paths.push_back(change.content);
    }
  }
  return paths;
}

bool removes(const FileChanges& changes, const std::string& path) {
  for (const FileChange& change : changes) {
    if (change.path == path && change.kind == FileChange::Kind::kRemove) return true;
  }
  return false;
}

void expect_taken_over(const Result<FileChanges>& plan, const std::string& path) {
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(taken_over(*plan), std::vector<std::string>{path});
}

bool writes(const FileChanges& changes, const std::string& path) {
  for (const FileChange& change : changes) {
    if (change.path == path && change.kind == FileChange::Kind::kWrite) return true;
  }
  return false;
}

TEST(UserConfig, NeverPlansToTouchAUserFileItCannotTakeOver) {
  // Every path a backend writes, pre-seeded as the user's with a static address (so no
  // stock DHCP profile): each backend refuses by name.
  for (const testing::Scenario& scenario : testing::scenarios()) {
    for (const std::string& backend : testing::all_backends()) {
      TempDir clean;
      testing::seed_guest(backend, clean.path());
      Result<FileChanges> plan = testing::plan_offline(backend, scenario.settings, clean.path());
      ASSERT_TRUE(plan) << plan.error().message;
      for (const FileChange& change : *plan) {
        if (change.path == "/etc/network/interfaces" || change.path == "/etc/sysconfig/network") continue;
        Result<FileChanges> refused =
            plan_with(backend, scenario.settings, {{change.path, "# mine\nIPADDR=192.0.2.99\n"}});
        expect_error_naming(refused, change.path);
      }
    }
  }
}

TEST(UserConfig, NetplanCloudInitDhcpForTheSameIdIsOverriddenNotAnError) {
  Result<FileChanges> plan =
      plan_with("netplan", testing::vpc_network(),
                {{"etc/netplan/50-cloud-init.yaml",
                  "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n"
                  "      match:\n        macaddress: 00:8c:fa:5e:14:23\n      set-name: eth0\n"}});
  ASSERT_TRUE(plan) << plan.error().message;
}

TEST(UserConfig, NetplanConflictsNameTheFile) {
  const std::string header = "network:\n  version: 2\n  ethernets:\n";
  expect_error_naming(
      plan_with("netplan", testing::vpc_network(),
                {{"etc/netplan/50-static.yaml", header + "    eth0:\n      addresses: [192.0.2.5/24]\n"}}),
      "/etc/netplan/50-static.yaml");
  expect_error_naming(plan_with("netplan", testing::vpc_network(),
                                {{"etc/netplan/99-late.yaml", header + "    eth0:\n      dhcp4: true\n"
                                                                       "    lan9:\n      dhcp4: true\n"}}),
                      "/etc/netplan/99-late.yaml");
  expect_error_naming(
      plan_with("netplan", testing::classic_network(),
                {{"etc/netplan/01-ens.yaml", header + "    ens4:\n      match:\n        name: \"e*\"\n"
                                                      "      dhcp4: true\n"}}),
      "/etc/netplan/01-ens.yaml");
  expect_error_naming(
      plan_with("netplan", testing::vpc_network(), {{"etc/netplan/10-broken.yaml", "network: [\n"}}),
      "/etc/netplan/10-broken.yaml");
  // Another NIC's netdef is none of our business.
  EXPECT_TRUE(plan_with(
      "netplan", testing::vpc_network(),
      {{"etc/netplan/01-other.yaml",
        header + "    lan9:\n      match:\n        macaddress: 52:54:00:12:34:56\n      dhcp4: true\n"}}));
}

TEST(UserConfig, NetplanStockDhcpFilesForOurNicsAreTakenOver) {
  const std::string header = "network:\n  version: 2\n  ethernets:\n";
  // The Ubuntu installer's file, by ID; cloud-init's, by MAC; a later file of the same ID.
  expect_taken_over(
      plan_with("netplan", testing::vpc_network(),
                {{"etc/netplan/00-installer-config.yaml", header + "    eth0:\n      dhcp4: true\n"}}),
      "/etc/netplan/00-installer-config.yaml");
  expect_taken_over(
      plan_with("netplan", testing::classic_network(),
                {{"etc/netplan/50-cloud-init.yaml", header + "    ens4:\n      match:\n        macaddress: "
                                                             "\"00:8C:FA:5E:14:24\"\n      dhcp4: true\n"
                                                             "      set-name: ens4\n"}}),
      "/etc/netplan/50-cloud-init.yaml");
  Result<FileChanges> late =
      plan_with("netplan", testing::vpc_network(),
                {{"etc/netplan/99-late.yaml", header + "    eth0:\n      dhcp4: true\n"}});
  expect_taken_over(late, "/etc/netplan/99-late.yaml");
  EXPECT_TRUE(removes(*late, "/etc/netplan/99-late.yaml"));
}

TEST(UserConfig, NetworkdEarlierMatchingFileIsAnErrorLaterOneIsShadowed) {
  expect_error_naming(
      plan_with("networkd", testing::vpc_network(),
                {{"etc/systemd/network/05-dhcp.network", "[Match]\nName=e*\n\n[Network]\nDHCP=yes\n"}}),
      "/etc/systemd/network/05-dhcp.network");
  expect_error_naming(plan_with("networkd", testing::vpc_network(),
                                {{"usr/lib/systemd/network/10-cloud-init-eth0.network",
                                  "[Match]\nMACAddress=00:8C:FA:5E:14:23\n\n[Network]\nDHCP=yes\n"}}),
                      "/usr/lib/systemd/network/10-cloud-init-eth0.network");
  expect_error_naming(plan_with("networkd", testing::vpc_network(),
                                {{"etc/systemd/network/05-eth0.network",
                                  "[Match]\nName=eth0\n\n[Network]\nAddress=192.0.2.9/24\n"}}),
                      "/etc/systemd/network/05-eth0.network");
  // An installer's DHCP file for that NIC alone is taken over; a vendor one cannot be.
  expect_taken_over(plan_with("networkd", testing::vpc_network(),
                              {{"etc/systemd/network/05-eth0.network",
                                "[Match]\nMACAddress=00:8c:fa:5e:14:23\n\n[Network]\nDHCP=yes\n"}}),
                    "/etc/systemd/network/05-eth0.network");
  EXPECT_TRUE(plan_with("networkd", testing::vpc_network(),
                        {{"etc/systemd/network/99-dhcp.network", "[Match]\nName=*\n\n[Network]\nDHCP=yes\n"},
                         {"etc/systemd/network/05-other.network", "[Match]\nMACAddress=52:54:00:12:34:56\n"},
                         {"etc/systemd/network/06-not-eth.network", "[Match]\nName=!e*\n"}}));
}

TEST(UserConfig, NetworkManagerUserConnectionsStayAndLoseOnPriority) {
  Result<FileChanges> plan =
      plan_with("networkmanager", testing::vpc_network(),
                {{"etc/NetworkManager/system-connections/office.nmconnection",
                  "[connection]\nid=office\ntype=ethernet\n[ethernet]\nmac-address=00:8C:FA:5E:14:23\n"
                  "[ipv4]\nmethod=manual\naddress1=192.0.2.9/24\n"}});
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->size(), 1u);
  EXPECT_NE((*plan)[0].content.find("autoconnect-priority=999\n"), std::string::npos);
}

TEST(UserConfig, NetworkManagerStockDhcpProfilesForOurNicAreTakenOver) {
  const std::string keyfile = "/etc/NetworkManager/system-connections/Wired connection 1.nmconnection";
  Result<FileChanges> plan = plan_with(
      "networkmanager", testing::vpc_network(),
      {{keyfile.substr(1),
        "[connection]\nid=Wired connection 1\ntype=ethernet\n[ethernet]\nmac-address=00:8C:FA:5E:14:23\n"
        "[ipv4]\nmethod=auto\n"}});
  expect_taken_over(plan, keyfile);
  EXPECT_TRUE(removes(*plan, keyfile));
  // RHEL's NM reads anaconda's ifcfg-eth0 through its ifcfg-rh plugin.
  expect_taken_over(plan_with("networkmanager", testing::vpc_network(),
                              {{"etc/sysconfig/network-scripts/ifcfg-eth0",
                                "TYPE=Ethernet\nBOOTPROTO=dhcp\nNAME=eth0\nDEVICE=eth0\nONBOOT=yes\n"}}),
                    "/etc/sysconfig/network-scripts/ifcfg-eth0");
  // A bond port is not a stock profile: it stays (and loses on priority).
  Result<FileChanges> port =
      plan_with("networkmanager", testing::vpc_network(),
                {{"etc/NetworkManager/system-connections/bond0-port1.nmconnection",
                  "[connection]\nid=bond0-port1\ntype=ethernet\ninterface-name=eth0\nmaster=bond0\n"
                  "slave-type=bond\n"}});
  ASSERT_TRUE(port) << port.error().message;
  EXPECT_TRUE(taken_over(*port).empty());
}

TEST(UserConfig, NetworkManagerUserConnectionThatWouldTieIsAnError) {
  expect_error_naming(plan_with("networkmanager", testing::classic_network(),
                                {{"etc/NetworkManager/system-connections/uplink.nmconnection",
                                  "[connection]\nid=uplink\ntype=ethernet\nautoconnect-priority=999\n"
                                  "[ethernet]\nmac-address=00:8c:fa:5e:14:24\n[ipv4]\nmethod=auto\n"}}),
                      "/etc/NetworkManager/system-connections/uplink.nmconnection");
  EXPECT_TRUE(
      plan_with("networkmanager", testing::classic_network(),
                {{"etc/NetworkManager/system-connections/uplink.nmconnection",
                  "[connection]\nid=uplink\ntype=ethernet\nautoconnect=false\nautoconnect-priority=999\n"
                  "[ethernet]\nmac-address=00:8c:fa:5e:14:24\n"}}));
}

TEST(UserConfig, IfupdownUserStanzaForOurNicIsAnErrorNamingItsFile) {
  expect_error_naming(plan_with("ifupdown", testing::vpc_network(),
                                {{"etc/network/interfaces",
                                  "auto lo\niface lo inet loopback\nauto eth0\n"
                                  "iface eth0 inet static\n  address 192.0.2.9/24\n"}}),
                      "/etc/network/interfaces");
  expect_error_naming(plan_with("ifupdown", testing::classic_network(),
                                {{"etc/network/interfaces", "source /etc/network/interfaces.d/*\n"},
                                 {"etc/network/interfaces.d/bond",
                                  "auto eth1\niface eth1 inet dhcp\n  bond-master bond0\n"}}),
                      "/etc/network/interfaces.d/bond");
  // A file nothing sources is not read by ifupdown, and an inet6 stanza does not compete.
  EXPECT_TRUE(
      plan_with("ifupdown", testing::vpc_network(),
                {{"etc/network/interfaces", "auto lo\niface lo inet loopback\niface eth0 inet6 auto\n"},
                 {"etc/network/interfaces.d/old", "iface eth0 inet dhcp\n"}}));
}

TEST(UserConfig, IfupdownStockDhcpStanzaIsTakenOutOfItsFile) {
  // The Debian installer's /etc/network/interfaces.
  const std::string installer =
      "# This file describes the network interfaces available on your system\n"
      "# and how to activate them. For more information, see interfaces(5).\n\n"
      "source /etc/network/interfaces.d/*\n\n# The loopback network interface\nauto lo\n"
      "iface lo inet loopback\n\n# The primary network interface\nallow-hotplug eth0\niface eth0 inet dhcp\n";
  Result<FileChanges> plan =
      plan_with("ifupdown", testing::vpc_network(), {{"etc/network/interfaces", installer}});
  expect_taken_over(plan, "/etc/network/interfaces");
  EXPECT_FALSE(removes(*plan, "/etc/network/interfaces"));
  for (const FileChange& change : *plan) {
    if (change.path != "/etc/network/interfaces") continue;
    EXPECT_EQ(change.content.find("eth0"), std::string::npos) << change.content;
    EXPECT_NE(change.content.find("iface lo inet loopback\n"), std::string::npos) << change.content;
    EXPECT_NE(change.content.find("source /etc/network/interfaces.d/*\n"), std::string::npos);
  }
  // cloud-init's file in interfaces.d.
  expect_taken_over(plan_with("ifupdown", testing::classic_network(),
                              {{"etc/network/interfaces", "source /etc/network/interfaces.d/*\n"},
                               {"etc/network/interfaces.d/50-cloud-init",
                                "auto lo\niface lo inet loopback\n\nauto eth1\niface eth1 inet dhcp\n"}}),
                    "/etc/network/interfaces.d/50-cloud-init");
}

TEST(IfupdownText, WithoutInterfaceDropsItsStanzasAndAutoEntriesOnly) {
  EXPECT_EQ(guest::without_interface("auto lo eth0\nallow-hotplug eth0\niface lo inet loopback\n"
                                     "iface eth0 inet dhcp\n  hostname x\n# kept\niface eth0 inet6 auto\n"
                                     "iface eth1 inet dhcp\n",
                                     "eth0"),
            "auto lo\niface lo inet loopback\niface eth1 inet dhcp\n");
  EXPECT_EQ(guest::without_interface("iface eth10 inet dhcp\n", "eth1"), "iface eth10 inet dhcp\n");
}

TEST(UserConfig, IfupdownSourceLineIsAddedOnlyWhenMissing) {
  Result<FileChanges> covered =
      plan_with("ifupdown", testing::vpc_network(),
                {{"etc/network/interfaces", "auto lo\nsource-directory interfaces.d\n"}});
  ASSERT_TRUE(covered) << covered.error().message;
  EXPECT_FALSE(writes(*covered, "/etc/network/interfaces"));
  Result<FileChanges> glob =
      plan_with("ifupdown", testing::vpc_network(),
                {{"etc/network/interfaces", "auto lo\nsource /etc/network/interfaces.d/*\n"}});
  ASSERT_TRUE(glob) << glob.error().message;
  EXPECT_FALSE(writes(*glob, "/etc/network/interfaces"));
}

TEST(UserConfig, RhelUserIfcfgForOurNicIsAnErrorUnlessItStaysDown) {
  expect_error_naming(plan_with("ifcfg-rhel", testing::classic_network(),
                                {{"etc/sysconfig/network-scripts/ifcfg-ens4",
                                  "DEVICE=ens4\nHWADDR=00:8C:FA:5E:14:24\nBOOTPROTO=none\nIPADDR=192.0.2.9\n"
                                  "PREFIX=24\nONBOOT=yes\n"}}),
                      "/etc/sysconfig/network-scripts/ifcfg-ens4");
  expect_error_naming(plan_with("ifcfg-rhel", testing::vpc_network(),
                                {{"etc/sysconfig/network-scripts/ifcfg-System_eth0",
                                  "DEVICE=eth0\nBOOTPROTO=dhcp\nMASTER=bond0\nSLAVE=yes\n"}}),
                      "/etc/sysconfig/network-scripts/ifcfg-System_eth0");
  EXPECT_TRUE(
      plan_with("ifcfg-rhel", testing::vpc_network(),
                {{"etc/sysconfig/network-scripts/ifcfg-old", "DEVICE=eth0\nBOOTPROTO=dhcp\nONBOOT=no\n"},
                 {"etc/sysconfig/network-scripts/ifcfg-eth0.bak", "DEVICE=eth0\nONBOOT=yes\n"},
                 {"etc/sysconfig/network-scripts/ifcfg-eth9", "DEVICE=eth9\nONBOOT=yes\n"}}));
}

TEST(UserConfig, RhelStockDhcpIfcfgIsTakenOver) {
  // anaconda's ifcfg-eth0, at the very path ours goes to: set aside, then overwritten.
  const std::string anaconda = "/etc/sysconfig/network-scripts/ifcfg-eth0";
  Result<FileChanges> plan =
      plan_with("ifcfg-rhel", testing::vpc_network(),
                {{anaconda.substr(1),
                  "TYPE=Ethernet\nBOOTPROTO=dhcp\nDEFROUTE=yes\nNAME=eth0\nDEVICE=eth0\nONBOOT=yes\n"}});
  expect_taken_over(plan, anaconda);
  EXPECT_TRUE(writes(*plan, anaconda));
  // NetworkManager's ifcfg for the NIC by MAC, under another name: set aside and removed.
  const std::string wired = "/etc/sysconfig/network-scripts/ifcfg-Wired_connection_1";
  Result<FileChanges> by_mac =
      plan_with("ifcfg-rhel", testing::classic_network(),
                {{wired.substr(1), "HWADDR=00:8C:FA:5E:14:24\nTYPE=Ethernet\nBOOTPROTO=dhcp\nONBOOT=yes\n"}});
  expect_taken_over(by_mac, wired);
  EXPECT_TRUE(removes(*by_mac, wired));
}

TEST(UserConfig, SuseStockDhcpIfcfgIsTakenOverAStaticOneRefused) {
  const std::string path = "/etc/sysconfig/network/ifcfg-eth0";
  expect_taken_over(plan_with("ifcfg-suse", testing::vpc_network(),
                              {{path.substr(1), "BOOTPROTO='dhcp'\nSTARTMODE='auto'\nZONE=''\n"}}),
                    path);
  expect_error_naming(plan_with("ifcfg-suse", testing::vpc_network(),
                                {{path.substr(1), "BOOTPROTO='static'\nIPADDR='192.0.2.9/24'\n"}}),
                      path);
}

TEST(UserConfig, RhelGlobalGatewayIsEditedInPlace) {
  Result<FileChanges> plan = plan_with("ifcfg-rhel", testing::classic_network(),
                                       {{"etc/sysconfig/network",
                                         "NETWORKING=yes\n# keep me\nGATEWAYDEV=eth0\nGATEWAY=\"192.0.2.1\"\n"
                                         "NOZEROCONF=yes\nGATEWAY=198.51.100.1\n"}});
  ASSERT_TRUE(plan) << plan.error().message;
  const FileChange& global = plan->back();
  ASSERT_EQ(global.path, "/etc/sysconfig/network");
  EXPECT_EQ(global.content,
            "NETWORKING=yes\n# keep me\nGATEWAYDEV=eth1\nGATEWAY=42.120.74.1\nNOZEROCONF=yes\n");
}

TEST(UserConfig, SuseGlobalDefaultRouteWithAnotherGatewayIsAnError) {
  expect_error_naming(plan_with("ifcfg-suse", testing::classic_network(),
                                {{"etc/sysconfig/network/routes", "default 192.0.2.1 - -\n"}}),
                      "/etc/sysconfig/network/routes");
  EXPECT_TRUE(plan_with("ifcfg-suse", testing::classic_network(),
                        {{"etc/sysconfig/network/routes",
                          "# same gateway is harmless\ndefault 42.120.74.1 - -\n"
                          "192.168.5.0/24 10.171.254.1 - eth0\n"}}));
}

TEST(UserConfig, OurFilesForANicThatLeftOsConfAreRemoved) {
  for (const std::string& backend : testing::all_backends()) {
    TempDir root;
    testing::seed_guest(backend, root.path());
    Result<FileChanges> classic = testing::plan_offline(backend, testing::classic_network(), root.path());
    ASSERT_TRUE(classic) << classic.error().message;
    testing::apply_changes(root.path(), *classic);
    Result<FileChanges> vpc = testing::plan_offline(backend, testing::vpc_network(), root.path());
    ASSERT_TRUE(vpc) << backend << ": " << vpc.error().message;
    testing::apply_changes(root.path(), *vpc);
    // Whatever the backend, nothing of ours mentions eth1's MAC any more.
    Result<FileChanges> again = testing::plan_offline(backend, testing::vpc_network(), root.path());
    ASSERT_TRUE(again) << again.error().message;
    for (const FileChange& change : *again) {
      EXPECT_EQ(change.kind, FileChange::Kind::kWrite) << backend << " " << change.path;
    }
    for (const FileChange& change : *classic) {
      if (change.content.find("14:24") == std::string::npos &&
          change.content.find("eth1") == std::string::npos) {
        continue;
      }
      bool rewritten = writes(*vpc, change.path);
      bool exists = std::filesystem::exists(root.path() + change.path);
      EXPECT_TRUE(rewritten || !exists) << backend << ": " << change.path << " of eth1 was left behind";
    }
  }
}

}  // namespace
}  // namespace image_agent::firstboot

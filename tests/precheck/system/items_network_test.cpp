// network and dhcp on synthetic roots of every stack.
#include <gtest/gtest.h>

#include "firstboot/network/owned_files.h"
#include "support.h"

namespace image_agent::precheck::testing {
namespace {

struct Stack {
  const char* name;
  const char* path;
  const char* content;
  const char* want;
};

TEST(DhcpCheck, EachStackDhcpPassesStaticWarns) {
  const Stack stacks[] = {
      {"ifcfg dhcp", "/etc/sysconfig/network-scripts/ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n", "OK 0"},
      {"ifcfg static", "/etc/sysconfig/network-scripts/ifcfg-eth0", "BOOTPROTO=none\nIPADDR=10.0.0.5\n",
       "WARNING 701"},
      {"ifupdown dhcp", "/etc/network/interfaces", "iface lo inet loopback\niface eth0 inet dhcp\n", "OK 0"},
      {"ifupdown static", "/etc/network/interfaces", "iface eth0 inet static\n address 10.0.0.5/24\n",
       "WARNING 701"},
      {"netplan dhcp", "/etc/netplan/50-cloud-init.yaml", "network:\n  ethernets:\n    ens3: {dhcp4: true}\n",
       "OK 0"},
      {"netplan static", "/etc/netplan/01.yaml",
       "network:\n  ethernets:\n    ens3: {addresses: [10.0.0.5/24]}\n", "WARNING 701"},
      {"networkd dhcp", "/etc/systemd/network/20-wired.network", "[Match]\nName=en*\n[Network]\nDHCP=yes\n",
       "OK 0"},
      {"networkd static", "/etc/systemd/network/20-wired.network",
       "[Match]\nName=eth0\n[Network]\nAddress=10.0.0.5/24\n", "WARNING 701"},
      {"nm dhcp", "/etc/NetworkManager/system-connections/eth0.nmconnection",
       "[connection]\ntype=ethernet\ninterface-name=eth0\n[ipv4]\nmethod=auto\n", "OK 0"},
      {"nm static", "/etc/NetworkManager/system-connections/eth0.nmconnection",
       "[connection]\ntype=ethernet\ninterface-name=eth0\n[ipv4]\nmethod=manual\naddress1=10.0.0.5/24\n",
       "WARNING 701"},
      {"ipv6 only", "/etc/network/interfaces", "iface eth0 inet6 dhcp\n", "WARNING 703"},
  };
  for (const Stack& s : stacks) {
    SyntheticRoot r;
    r.file(s.path, s.content, 0600);
    EXPECT_EQ(outcome(run_item("dhcp", r.path())), s.want) << s.name;
  }
}

TEST(DhcpCheck, UnparsableNetplanIsSaidSo) {
  SyntheticRoot r;
  r.file("/etc/netplan/01.yaml", "network: {ethernets: [unclosed\n");
  Verdict v = run_item("dhcp", r.path());
  EXPECT_EQ(outcome(v), "WARNING 704");
  EXPECT_NE(v.comment.find("/etc/netplan/01.yaml"), std::string::npos);
}

TEST(DhcpCheck, PrimaryIsEth0) {
  SyntheticRoot r;
  r.file("/etc/network/interfaces", "iface ens4 inet static\n address 10.1.0.5/24\niface eth0 inet dhcp\n");
  EXPECT_EQ(outcome(run_item("dhcp", r.path())), "OK 0");
}

TEST(DhcpCheck, NoConfigurationWarnsUnlessSomethingConfiguresIt) {
  SyntheticRoot none;
  none.dir("/etc");
  EXPECT_EQ(outcome(run_item("dhcp", none.path())), "WARNING 702");

  SyntheticRoot manager;
  manager.file("/usr/lib/systemd/system/NetworkManager.service", "[Unit]\n");
  manager.link("/usr/lib/systemd/system/NetworkManager.service",
               "/etc/systemd/system/multi-user.target.wants/NetworkManager.service");
  EXPECT_EQ(outcome(run_item("dhcp", manager.path())), "OK 0");

  SyntheticRoot cloud;
  cloud.program("/usr/bin/cloud-init");
  EXPECT_EQ(outcome(run_item("dhcp", cloud.path())), "OK 0");
}

TEST(DhcpCheck, SourcedInterfacesFilesCount) {
  SyntheticRoot r;
  r.file("/etc/network/interfaces", "source /etc/network/interfaces.d/*\n");
  r.file("/etc/network/interfaces.d/eth0", "auto eth0\niface eth0 inet dhcp\n");
  EXPECT_EQ(outcome(run_item("dhcp", r.path())), "OK 0");

  // source-directory relative to /etc/network; run-parts names only (no "eth0.bak").
  SyntheticRoot dir;
  dir.file("/etc/network/interfaces", "source-directory interfaces.d\n");
  dir.file("/etc/network/interfaces.d/eth0", "iface eth0 inet static\n address 10.0.0.5/24\n");
  dir.file("/etc/network/interfaces.d/eth0.bak", "iface eth0 inet dhcp\n");
  EXPECT_EQ(outcome(run_item("dhcp", dir.path())), "WARNING 701");
}

TEST(NetworkCheck, PassesWithOneDhcpNic) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("network", r.path())), "OK 0");
}

TEST(NetworkCheck, WarnsPerCause) {
  SyntheticRoot both;
  both.file("/etc/sysconfig/network-scripts/ifcfg-eth0", "BOOTPROTO=dhcp\n");
  both.file("/usr/lib/systemd/system/NetworkManager.service", "[Unit]\n");
  both.link("/usr/lib/systemd/system/NetworkManager.service",
            "/etc/systemd/system/multi-user.target.wants/NetworkManager.service");
  both.program("/etc/rc.d/init.d/network").link("../init.d/network", "/etc/rc.d/rc3.d/S10network");
  EXPECT_EQ(outcome(run_item("network", both.path())), "WARNING 601");

  SyntheticRoot two;
  two.file("/etc/sysconfig/network-scripts/ifcfg-eth0", "BOOTPROTO=dhcp\n");
  two.file("/etc/sysconfig/network-scripts/ifcfg-eth1", "BOOTPROTO=dhcp\n");
  two.file("/etc/sysconfig/network-scripts/ifcfg-eth1.bak",
           "BOOTPROTO=dhcp\n");  // ignored, as initscripts do
  two.file("/etc/sysconfig/network-scripts/ifcfg-lo", "DEVICE=lo\n");
  EXPECT_EQ(outcome(run_item("network", two.path())), "WARNING 602");

  SyntheticRoot v6;
  v6.file("/etc/netplan/01.yaml",
          "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n      addresses: [\"2001:db8::5/64\"]\n");
  EXPECT_EQ(outcome(run_item("network", v6.path())), "WARNING 603");
}

// NetworkManager and the legacy network service both enabled (CentOS 7's default), with
// NetworkManager enabled as a systemd unit: firstboot's backend is NetworkManager.
void manager_and_legacy(SyntheticRoot& r) {
  r.file("/etc/sysconfig/network-scripts/ifcfg-eth0", "BOOTPROTO=dhcp\n");
  r.file("/usr/lib/systemd/system/NetworkManager.service", "[Unit]\n");
  r.link("/usr/lib/systemd/system/NetworkManager.service",
         "/etc/systemd/system/multi-user.target.wants/NetworkManager.service");
  r.program("/etc/rc.d/init.d/network").link("../init.d/network", "/etc/rc.d/rc3.d/S10network");
}

// Seed 002 §3.3.1 (network row): disable or remove NetworkManager, enable the network
// service. In aliyun-customized firstboot writes for NetworkManager (§3.3.5): keep it.
TEST(NetworkCheck, NetworkManagerAsFirstbootsBackendIsFineInCustomized) {
  SyntheticRoot r;
  manager_and_legacy(r);
  Verdict aliyun = run_item("network", r.path());
  EXPECT_EQ(outcome(aliyun), "WARNING 601");
  EXPECT_NE(aliyun.remediation.find("Disable or remove NetworkManager and keep the network service enabled"),
            std::string::npos)
      << aliyun.remediation;
  Verdict customized = run_item("network", r.path(), "aliyun-customized");
  EXPECT_EQ(outcome(customized), "OK 0") << customized.comment;

  // With netplan present firstboot writes netplan, not NetworkManager: the seed's advice.
  SyntheticRoot netplan;
  manager_and_legacy(netplan);
  netplan.file("/etc/netplan/01.yaml", "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n");
  EXPECT_EQ(outcome(run_item("network", netplan.path(), "aliyun-customized")), "WARNING 601");
}

TEST(NetworkCheck, FirstbootsOwnFileAndAWildcardAreOneNic) {
  SyntheticRoot r;
  make_good_root(r);
  r.file("/etc/network/interfaces", "auto lo\niface lo inet loopback\n");
  r.file("/etc/systemd/network/90-dhcp.network", "[Match]\nName=*\n\n[Network]\nDHCP=yes\n");
  r.file("/etc/systemd/network/10-image-agent-eth0.network",
         firstboot::owned_header() +
             "[Match]\nMACAddress=00:16:3e:00:00:01\n\n[Network]\nDHCP=no\nAddress=10.0.0.5/24\n");
  for (const char* profile : {"aliyun", "aliyun-customized"}) {
    Verdict v = run_item("network", r.path(), profile);
    EXPECT_EQ(outcome(v), "OK 0") << profile << ": " << v.comment;
  }

  SyntheticRoot glob;
  make_good_root(glob);  // eth0 in /etc/network/interfaces
  glob.file("/etc/systemd/network/80-en.network", "[Match]\nName=en*\n\n[Network]\nDHCP=yes\n");
  EXPECT_EQ(outcome(run_item("network", glob.path())), "OK 0");

  SyntheticRoot two;
  make_good_root(two);  // eth0 in /etc/network/interfaces
  two.file("/etc/systemd/network/80-any.network", "[Match]\nName=*\n\n[Network]\nDHCP=yes\n");
  two.file("/etc/systemd/network/70-eth1.network", "[Match]\nName=eth1\n\n[Network]\nDHCP=yes\n");
  Verdict v = run_item("network", two.path());
  EXPECT_EQ(outcome(v), "WARNING 602");
  EXPECT_NE(v.comment.find("2 NICs are configured (eth0, eth1)"), std::string::npos) << v.comment;
}

}  // namespace
}  // namespace image_agent::precheck::testing

// network and dhcp on synthetic roots of every stack.
#include <gtest/gtest.h>

#include "firstboot/firstboot.h"
#include "firstboot/network/owned_files.h"
#include "planted_root.h"
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

// anaconda's ifcfg-eth0 on CentOS 7 (spec distros.md), as firstboot_command_test has it.
constexpr const char* kAnacondaIfcfg =
    "TYPE=Ethernet\nPROXY_METHOD=none\nBROWSER_ONLY=no\nBOOTPROTO=dhcp\nDEFROUTE=yes\nIPV4_FAILURE_FATAL=no\n"
    "NAME=eth0\nUUID=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03\nDEVICE=eth0\nONBOOT=yes\n";

void make_centos7_root(SyntheticRoot& r) {
  r.file("/etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n")
      .file("/etc/hostname", "localhost.localdomain\n")
      .file("/etc/sysconfig/network", "# Created by anaconda\n")
      .file("/etc/sysconfig/network-scripts/ifcfg-lo", "DEVICE=lo\nIPADDR=127.0.0.1\nONBOOT=yes\n")
      .file("/etc/sysconfig/network-scripts/ifcfg-eth0", kAnacondaIfcfg, 0600);
}

// Issue 13 #5: DHCP is the way in when os.conf is absent (seed 002 §3.3.2), so the item
// stays on in aliyun-customized and a stock DHCP profile passes there.
TEST(DhcpCheck, StockDhcpProfilePassesInCustomized) {
  EXPECT_EQ(default_policy().find("aliyun-customized", "dhcp")->severity, Status::kWarning);
  SyntheticRoot r;
  make_centos7_root(r);
  EXPECT_EQ(outcome(run_item("dhcp", r.path(), "aliyun-customized")), "OK 0");
}

// An image captured from an instance firstboot configured carries that instance's os.conf:
// firstboot's own ifcfg-eth0 (static) and anaconda's set aside. That is "run sysprep", not
// "no DHCP"; after sysprep's network-profiles the stock DHCP profile is back and it passes.
TEST(DhcpCheck, FirstbootsOwnFilesWarnRunSysprepUntilItRuns) {
  SyntheticRoot r;
  make_centos7_root(r);
  {
    Result<RootFs> fs = RootFs::open(r.path());
    ASSERT_TRUE(fs);
    firstboot::FirstbootOptions options;
    options.live = false;
    firstboot::FirstbootReport report = firstboot::run_firstboot(
        *fs,
        firstboot::parse_os_conf("hostname=iZ2ze3\neth0_ip_addr=10.0.0.5\neth0_netmask=255.255.255.0\n"
                                 "eth0_gateway=10.0.0.1\neth0_mac_addr=00:16:3e:00:00:01\n"),
        options);
    ASSERT_FALSE(report.failed());
    ASSERT_TRUE(fs->exists("/var/lib/image-agent/displaced/etc/sysconfig/network-scripts/ifcfg-eth0"));
  }
  for (const char* profile : {"aliyun-customized", "aliyun"}) {
    Verdict v = run_item("dhcp", r.path(), profile);
    EXPECT_EQ(outcome(v), "WARNING 705") << profile << ": " << v.comment;
    EXPECT_NE(v.comment.find("firstboot's, written from this instance's os.conf "
                             "(/etc/sysconfig/network-scripts/ifcfg-eth0)"),
              std::string::npos)
        << v.comment;
    EXPECT_NE(v.comment.find("set aside (/etc/sysconfig/network-scripts/ifcfg-eth0)"), std::string::npos)
        << v.comment;
    EXPECT_NE(v.remediation.find("Run image-agent sysprep before capturing the image"), std::string::npos)
        << v.remediation;
    EXPECT_EQ(v.comment.find("static IPv4"), std::string::npos) << "not the build host's static address";
  }
  sysprep::testing::run_operations(r.path(), {"network-profiles"});
  Verdict after = run_item("dhcp", r.path(), "aliyun-customized");
  EXPECT_EQ(outcome(after), "OK 0") << after.comment;
  EXPECT_EQ(after.comment, "the primary NIC eth0 uses DHCP");
}

TEST(DhcpCheck, AFileOfFirstbootsAloneWarns) {
  // firstboot wrote for a NIC no stock profile configured: nothing was set aside.
  SyntheticRoot r;
  r.file("/etc/systemd/network/10-image-agent-eth0.network",
         firstboot::owned_header() + "[Match]\nName=eth0\n[Network]\nAddress=10.0.0.5/24\n");
  Verdict v = run_item("dhcp", r.path(), "aliyun-customized");
  EXPECT_EQ(outcome(v), "WARNING 705") << v.comment;
  EXPECT_EQ(v.comment.find("set aside"), std::string::npos) << v.comment;
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

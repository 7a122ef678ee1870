// qemu_ga, ssh, firewall, firstboot, cloud_init, growpart on synthetic roots.
#include <gtest/gtest.h>

#include "support.h"

namespace image_agent::precheck::testing {
namespace {

constexpr const char* kWants = "/etc/systemd/system/multi-user.target.wants/";

// Seed 002: "uninstall qemu-ga" (§3.3.1), "installing qemu-ga in the image is not
// supported" (§3.3.2): present is the warning, absent is OK.
TEST(QemuGaCheck, PassesWhenAbsent) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("qemu_ga", r.path())), "OK 0");
  SyntheticRoot removed;
  removed.file("/var/lib/dpkg/status", "Package: qemu-guest-agent\nStatus: deinstall ok config-files\n");
  EXPECT_EQ(outcome(run_item("qemu_ga", removed.path())), "OK 0");
}

TEST(QemuGaCheck, WarnsWhenInstalledByPackageBinaryOrUnit) {
  SyntheticRoot dpkg;
  dpkg.file("/var/lib/dpkg/status",
            "Package: qemu-guest-agent\nStatus: install ok installed\nVersion: 1:7.2\n");
  EXPECT_EQ(outcome(run_item("qemu_ga", dpkg.path())), "WARNING 501");
  SyntheticRoot binary;
  binary.program("/usr/bin/qemu-ga");
  EXPECT_EQ(outcome(run_item("qemu_ga", binary.path())), "WARNING 501");
  SyntheticRoot unit;
  unit.file("/usr/lib/systemd/system/qemu-guest-agent.service", "[Unit]\n");
  EXPECT_EQ(outcome(run_item("qemu_ga", unit.path())), "WARNING 501");
  Verdict verdict = run_item("qemu_ga", binary.path());
  EXPECT_NE(verdict.remediation.find("Uninstall qemu-ga"), std::string::npos) << verdict.remediation;
}

TEST(QemuGaCheck, MaskedIsStillInstalled) {
  SyntheticRoot r;
  make_good_root(r);
  r.file("/lib/systemd/system/qemu-guest-agent.service", "[Unit]\n");
  r.link("/dev/null", "/etc/systemd/system/qemu-guest-agent.service");
  EXPECT_EQ(outcome(run_item("qemu_ga", r.path())), "WARNING 501");
}

TEST(SshCheck, PassesInstalledEnabledRootAllowed) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("ssh", r.path())), "OK 0");
}

TEST(SshCheck, PassesWithSysvRcLinks) {
  SyntheticRoot r;
  r.program("/usr/sbin/sshd").program("/etc/init.d/ssh").link("../init.d/ssh", "/etc/rc2.d/S01ssh");
  EXPECT_EQ(outcome(run_item("ssh", r.path())), "OK 0");
}

TEST(SshCheck, WarnsPerCause) {
  SyntheticRoot none;
  none.dir("/etc");
  EXPECT_EQ(outcome(run_item("ssh", none.path())), "WARNING 801");

  SyntheticRoot disabled;
  disabled.program("/usr/sbin/sshd").file("/lib/systemd/system/ssh.service", "[Unit]\n");
  EXPECT_EQ(outcome(run_item("ssh", disabled.path())), "WARNING 802");

  SyntheticRoot masked;
  make_good_root(masked);
  masked.link("/dev/null", "/etc/systemd/system/ssh.service");
  EXPECT_EQ(outcome(run_item("ssh", masked.path())), "WARNING 802");

  SyntheticRoot no_root;
  make_good_root(no_root);
  no_root.file("/etc/ssh/sshd_config.d/50-hardening.conf", "PermitRootLogin no\n");
  Verdict v = run_item("ssh", no_root.path());
  EXPECT_EQ(outcome(v), "WARNING 803");
  EXPECT_NE(v.comment.find("/etc/ssh/sshd_config.d/50-hardening.conf"), std::string::npos);
}

// Seed 002 §3.3.1, ssh row: "do not set PermitRootLogin", so the aliyun fix for `no` is
// removing the line, never prohibit-password.
TEST(SshCheck, PermitRootLoginNoAdvisesRemovingTheLine) {
  SyntheticRoot r;
  make_good_root(r);
  r.file("/etc/ssh/sshd_config", "PermitRootLogin No\n");
  Verdict v = run_item("ssh", r.path());
  EXPECT_EQ(outcome(v), "WARNING 803");
  EXPECT_NE(v.remediation.find("Remove the PermitRootLogin line"), std::string::npos) << v.remediation;
  EXPECT_EQ(v.remediation.find("prohibit-password"), std::string::npos) << v.remediation;
}

// aliyun-customized: firstboot sets root's password from os.conf (seed 002 §3.3.5), so
// sshd must accept root's password; OpenSSH >= 7.0 refuses it when nothing is set.
TEST(SshCheck, CustomizedWarnsWhenRootsPasswordIsRefused) {
  struct Case {
    const char* sshd_config;
    const char* customized;
    const char* aliyun;
  };
  for (const Case& c : {
           Case{"PermitRootLogin yes\n", "OK 0", "OK 0"},
           Case{"PermitRootLogin yes\nPasswordAuthentication yes\n", "OK 0", "OK 0"},
           Case{"# nothing set\n", "WARNING 804", "OK 0"},
           Case{"PermitRootLogin prohibit-password\n", "WARNING 804", "OK 0"},
           Case{"PermitRootLogin without-password\n", "WARNING 804", "OK 0"},
           Case{"PermitRootLogin forced-commands-only\n", "WARNING 804", "OK 0"},
           Case{"PermitRootLogin no\n", "WARNING 803", "WARNING 803"},
           Case{"PermitRootLogin yes\nPasswordAuthentication no\n", "WARNING 805", "OK 0"},
           Case{"PasswordAuthentication no\n", "WARNING 804", "OK 0"},
           Case{"Match User alice\n  PermitRootLogin no\n", "WARNING 804", "OK 0"},
       }) {
    SyntheticRoot r;
    make_good_root(r);
    r.file("/etc/ssh/sshd_config", c.sshd_config);
    Verdict v = run_item("ssh", r.path(), "aliyun-customized");
    EXPECT_EQ(outcome(v), c.customized) << c.sshd_config << v.comment;
    EXPECT_EQ(outcome(run_item("ssh", r.path())), c.aliyun) << c.sshd_config;
    if (v.status != Status::kOk) {
      EXPECT_NE(v.remediation.find("yes"), std::string::npos) << v.remediation;
      // Never the advice: prohibit-password shuts out os.conf's root password.
      EXPECT_EQ(v.remediation.find("PermitRootLogin prohibit-password"), std::string::npos) << v.remediation;
      EXPECT_EQ(v.remediation.find("Remove the PermitRootLogin line"), std::string::npos) << v.remediation;
    }
  }
  SyntheticRoot both;
  make_good_root(both);
  both.file("/etc/ssh/sshd_config", "PasswordAuthentication no\n");
  Verdict v = run_item("ssh", both.path(), "aliyun-customized");
  EXPECT_NE(v.comment.find("PermitRootLogin is not set"), std::string::npos) << v.comment;
  EXPECT_NE(v.comment.find("PasswordAuthentication no in /etc/ssh/sshd_config line 1"), std::string::npos)
      << v.comment;
}

TEST(SshCheck, APresetIsNotEnablement) {
  SyntheticRoot r;
  r.program("/usr/sbin/sshd").file("/usr/lib/systemd/system/sshd.service", "[Unit]\n");
  r.file("/usr/lib/systemd/system-preset/90-default.preset", "enable sshd.service\n");
  EXPECT_EQ(outcome(run_item("ssh", r.path())), "WARNING 802");
}

TEST(SshCheck, PermitRootLoginNoInsideMatchIsNotGlobal) {
  SyntheticRoot r;
  make_good_root(r);
  r.file("/etc/ssh/sshd_config", "Match User backup\n  PermitRootLogin no\n");
  EXPECT_EQ(outcome(run_item("ssh", r.path())), "OK 0");
}

TEST(FirewallCheck, PassesWhenNoneStartsAtBoot) {
  SyntheticRoot r;
  make_good_root(r);
  // Installed but not enabled, and ufw enabled as a unit but ENABLED=no.
  r.file("/usr/lib/systemd/system/firewalld.service", "[Unit]\n");
  r.file("/lib/systemd/system/ufw.service", "[Unit]\n")
      .link("/lib/systemd/system/ufw.service", std::string(kWants) + "ufw.service");
  r.file("/etc/ufw/ufw.conf", "ENABLED=no\n");
  EXPECT_EQ(outcome(run_item("firewall", r.path())), "OK 0");
}

TEST(FirewallCheck, WarnsWhenOneIsEnabled) {
  for (const char* unit :
       {"firewalld.service", "nftables.service", "iptables.service", "netfilter-persistent.service"}) {
    SyntheticRoot r;
    r.file(std::string("/usr/lib/systemd/system/") + unit, "[Unit]\n");
    r.link(std::string("/usr/lib/systemd/system/") + unit, std::string(kWants) + unit);
    EXPECT_EQ(outcome(run_item("firewall", r.path())), "WARNING 901") << unit;
  }
  SyntheticRoot ufw;
  ufw.file("/lib/systemd/system/ufw.service", "[Unit]\n")
      .link("/lib/systemd/system/ufw.service", std::string(kWants) + "ufw.service");
  ufw.file("/etc/ufw/ufw.conf", "ENABLED=yes\n");
  EXPECT_EQ(outcome(run_item("firewall", ufw.path())), "WARNING 901");
  SyntheticRoot sysv;
  sysv.program("/etc/rc.d/init.d/iptables").link("../init.d/iptables", "/etc/rc.d/rc3.d/S08iptables");
  EXPECT_EQ(outcome(run_item("firewall", sysv.path())), "WARNING 901");
}

TEST(FirstbootCheck, PassesInstalledAndEnabled) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("firstboot", r.path(), "aliyun-customized")), "OK 0");
  SyntheticRoot sysv;
  sysv.program("/usr/sbin/image-agent").program("/etc/init.d/image-agent-firstboot");
  sysv.file("/etc/network/interfaces", "auto lo\niface lo inet loopback\n");
  sysv.link("../init.d/image-agent-firstboot", "/etc/rc2.d/S01image-agent-firstboot");
  EXPECT_EQ(outcome(run_item("firstboot", sysv.path(), "aliyun-customized")), "OK 0");
}

// Issue 13 #6: precheck must predict firstboot. A stock DHCP profile is taken over (OK); a
// static profile for eth0 is what firstboot refuses, so the item fails naming the file.
TEST(FirstbootCheck, FailsWhenFirstbootWouldRefuseAGroup) {
  SyntheticRoot stock;
  make_good_root(stock);
  stock.file("/etc/network/interfaces",
             "auto lo\niface lo inet loopback\nallow-hotplug eth0\niface eth0 inet dhcp\n");
  EXPECT_EQ(outcome(run_item("firstboot", stock.path(), "aliyun-customized")), "OK 0");

  SyntheticRoot fixed;
  make_good_root(fixed);
  fixed.file(
      "/etc/network/interfaces",
      "auto lo\niface lo inet loopback\nauto eth0\niface eth0 inet static\n  address 192.168.1.5/24\n");
  Verdict verdict = run_item("firstboot", fixed.path(), "aliyun-customized");
  EXPECT_EQ(outcome(verdict), "FAILED 2905");
  EXPECT_NE(verdict.comment.find("/etc/network/interfaces"), std::string::npos) << verdict.comment;

  SyntheticRoot unknown;  // no network stack firstboot can tell
  unknown.program("/usr/sbin/image-agent").program("/etc/init.d/image-agent-firstboot");
  unknown.link("../init.d/image-agent-firstboot", "/etc/rc2.d/S01image-agent-firstboot");
  EXPECT_EQ(outcome(run_item("firstboot", unknown.path(), "aliyun-customized")), "FAILED 2905");
}

TEST(FirstbootCheck, FailsPerCauseInTheCustomizedProfile) {
  SyntheticRoot none;
  none.dir("/etc");
  EXPECT_EQ(outcome(run_item("firstboot", none.path(), "aliyun-customized")), "FAILED 2901");

  SyntheticRoot disabled;
  disabled.program("/usr/sbin/image-agent")
      .file("/lib/systemd/system/image-agent-firstboot.service", "[Unit]\n");
  EXPECT_EQ(outcome(run_item("firstboot", disabled.path(), "aliyun-customized")), "FAILED 2902");

  SyntheticRoot masked;
  make_good_root(masked);
  masked.link("/dev/null", "/etc/systemd/system/image-agent-firstboot.service");
  EXPECT_EQ(outcome(run_item("firstboot", masked.path(), "aliyun-customized")), "FAILED 2903");

  SyntheticRoot no_binary;
  no_binary.program("/etc/init.d/image-agent-firstboot");
  no_binary.link("../init.d/image-agent-firstboot", "/etc/rc2.d/S01image-agent-firstboot");
  EXPECT_EQ(outcome(run_item("firstboot", no_binary.path(), "aliyun-customized")), "FAILED 2904");

  // A script with only K links does not start.
  SyntheticRoot stop_only;
  stop_only.program("/usr/sbin/image-agent").program("/etc/init.d/image-agent-firstboot");
  stop_only.link("../init.d/image-agent-firstboot", "/etc/rc0.d/K01image-agent-firstboot");
  EXPECT_EQ(outcome(run_item("firstboot", stop_only.path(), "aliyun-customized")), "FAILED 2902");
}

TEST(CloudInitCheck, PassesWithARecentCloudInitOrFirstboot) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("cloud_init", r.path())), "OK 0");
  SyntheticRoot listed;
  make_good_root(listed);
  listed.file("/etc/cloud/cloud.cfg.d/90_dpkg.cfg", "datasource_list: [ NoCloud, AliYun, None ]\n");
  EXPECT_EQ(outcome(run_item("cloud_init", listed.path())), "OK 0");
  SyntheticRoot firstboot_only;
  firstboot_only.file("/usr/lib/systemd/system/image-agent-firstboot.service", "[Unit]\n");
  EXPECT_EQ(outcome(run_item("cloud_init", firstboot_only.path())), "OK 0");
}

TEST(CloudInitCheck, WarnsPerCause) {
  SyntheticRoot nothing;
  nothing.dir("/etc");
  EXPECT_EQ(outcome(run_item("cloud_init", nothing.path())), "WARNING 2701");

  SyntheticRoot old;
  old.file("/var/lib/dpkg/status", "Package: cloud-init\nStatus: install ok installed\nVersion: 0.7.5-1\n");
  EXPECT_EQ(outcome(run_item("cloud_init", old.path())), "WARNING 2702");

  SyntheticRoot wrong_source;
  make_good_root(wrong_source);
  wrong_source.file("/etc/cloud/cloud.cfg", "datasource_list: [ Ec2 ]\n");
  wrong_source.file("/etc/cloud/cloud.cfg.d/99-oracle.cfg", "datasource_list: [ Oracle, None ]\n");
  EXPECT_EQ(outcome(run_item("cloud_init", wrong_source.path())), "WARNING 2703");
  // The same root suits the oci profile, whose datasource is Oracle.
  EXPECT_EQ(outcome(run_item("cloud_init", wrong_source.path(), "oci")), "OK 0");
}

TEST(GrowpartCheck, PassesWithGrowpartOrAGrowrootHook) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("growpart", r.path())), "OK 0");
  SyntheticRoot hook;
  hook.file("/usr/share/initramfs-tools/scripts/local-bottom/growroot", "#!/bin/sh\n");
  EXPECT_EQ(outcome(run_item("growpart", hook.path())), "OK 0");
}

TEST(GrowpartCheck, WarnsWithoutATool) {
  SyntheticRoot r;
  r.program("/usr/bin/systemd-repart");  // without a repart.d configuration it grows nothing
  EXPECT_EQ(outcome(run_item("growpart", r.path())), "WARNING 3401");
}

}  // namespace
}  // namespace image_agent::precheck::testing

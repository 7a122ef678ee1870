// cloud_init in aliyun-customized (issue 13, point 11): on a root shaped like the Ubuntu
// 22.04 cloud image, cloud-init must be kept off what firstboot configures, by firstboot's
// own drop-ins (written at first boot) or the guest's configuration.
#include <gtest/gtest.h>

#include <filesystem>

#include "support.h"
#include "test_support/ubuntu_cloud_init.h"

namespace image_agent::precheck::testing {
namespace {

constexpr const char* kCustomized = "aliyun-customized";

/// make_good_root (firstboot installed and enabled, an ifupdown guest) with cloud-init as
/// the Ubuntu 22.04 cloud image has it: enabled, preserve_hostname: false, no network
/// setting.
void make_cloud_image(SyntheticRoot& r) {
  make_good_root(r);
  image_agent::testing::write_ubuntu_2204_cloud_init(r.path());
}

bool mentions(const Verdict& verdict, std::string_view text) {
  return verdict.comment.find(text) != std::string::npos;
}

TEST(CloudInitKeepOff, FirstbootsDropInsWillKeepTheStockImageOff) {
  SyntheticRoot r;
  make_cloud_image(r);
  Verdict verdict = run_item("cloud_init", r.path(), kCustomized);
  EXPECT_EQ(outcome(verdict), "OK 0") << verdict.comment;
  bool written = false;
  for (const auto& [key, value] : verdict.evidence) {
    written = written || value == "/etc/cloud/cloud.cfg.d/99-image-agent-network.cfg (written at first boot)";
  }
  EXPECT_TRUE(written);
}

TEST(CloudInitKeepOff, WarnsWhenFirstbootWillNotWriteThem) {
  SyntheticRoot r;
  make_cloud_image(r);
  std::filesystem::remove(
      r.host("/etc/systemd/system/multi-user.target.wants/image-agent-firstboot.service"));
  Verdict verdict = run_item("cloud_init", r.path(), kCustomized);
  EXPECT_EQ(outcome(verdict), "WARNING 2704");
  EXPECT_TRUE(mentions(verdict,
                       "render its own network configuration (network.config not set; "
                       "image-agent-firstboot.service does not start at boot"))
      << verdict.comment;
  EXPECT_TRUE(mentions(verdict, "set the host name (preserve_hostname: false in /etc/cloud/cloud.cfg;"))
      << verdict.comment;
  EXPECT_NE(verdict.remediation.find("set `network: {config: disabled}`"), std::string::npos)
      << verdict.remediation;
  // Outside aliyun-customized firstboot configures nothing: no such rule.
  EXPECT_EQ(outcome(run_item("cloud_init", r.path(), "aliyun")), "OK 0");

  // The guest's own drop-in keeps cloud-init off by itself.
  r.file("/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg",
         "network: {config: disabled}\npreserve_hostname: true\n");
  EXPECT_EQ(outcome(run_item("cloud_init", r.path(), kCustomized)), "OK 0");
}

TEST(CloudInitKeepOff, ALaterFileWinsOverFirstbootsDropInAndIsNamed) {
  SyntheticRoot r;
  make_cloud_image(r);
  // '_' sorts after '-': read after 99-image-agent-hostname.cfg.
  r.file("/etc/cloud/cloud.cfg.d/99_local.cfg", "preserve_hostname: false\nmanage_etc_hosts: localhost\n");
  Verdict verdict = run_item("cloud_init", r.path(), kCustomized);
  EXPECT_EQ(outcome(verdict), "WARNING 2704");
  EXPECT_TRUE(mentions(verdict,
                       "set the host name (preserve_hostname: false in /etc/cloud/cloud.cfg.d/99_local.cfg, "
                       "read after /etc/cloud/cloud.cfg.d/99-image-agent-hostname.cfg)"))
      << verdict.comment;
  EXPECT_TRUE(mentions(verdict,
                       "rewrite /etc/hosts (manage_etc_hosts: localhost in "
                       "/etc/cloud/cloud.cfg.d/99_local.cfg"))
      << verdict.comment;
  EXPECT_FALSE(mentions(verdict, "network")) << "firstboot's network drop-in holds: " << verdict.comment;
  EXPECT_NE(verdict.remediation.find("Remove preserve_hostname from /etc/cloud/cloud.cfg.d/99_local.cfg"),
            std::string::npos)
      << verdict.remediation;

  SyntheticRoot v1;
  make_cloud_image(v1);
  v1.file("/etc/cloud/cloud.cfg.d/zz-network.cfg",
          "network:\n  version: 1\n  config:\n    - type: physical\n      name: eth0\n      subnets:\n"
          "        - type: dhcp\n");
  Verdict network = run_item("cloud_init", v1.path(), kCustomized);
  EXPECT_EQ(outcome(network), "WARNING 2704");
  EXPECT_TRUE(
      mentions(network, "network.config: (network configuration) in /etc/cloud/cloud.cfg.d/zz-network.cfg"))
      << network.comment;

  // A later network map without `config` does not undo `config: disabled`.
  SyntheticRoot v2;
  make_cloud_image(v2);
  v2.file("/etc/cloud/cloud.cfg.d/zz-network.cfg", "network:\n  version: 2\n  ethernets: {}\n");
  EXPECT_EQ(outcome(run_item("cloud_init", v2.path(), kCustomized)), "OK 0");
}

TEST(CloudInitKeepOff, ARefusedGroupWritesNoDropIn) {
  SyntheticRoot r;
  make_cloud_image(r);
  // A user's static stanza for eth0: firstboot refuses the network group (see the firstboot item).
  r.file("/etc/network/interfaces",
         "auto lo\niface lo inet loopback\nauto eth0\niface eth0 inet static\n  address 192.168.1.5/24\n");
  Verdict verdict = run_item("cloud_init", r.path(), kCustomized);
  EXPECT_EQ(outcome(verdict), "WARNING 2704");
  EXPECT_TRUE(mentions(verdict, "firstboot would refuse os.conf's network settings")) << verdict.comment;
  EXPECT_FALSE(mentions(verdict, "host name")) << "the hostname group still plans: " << verdict.comment;
}

TEST(CloudInitKeepOff, NothingToKeepOffWhenCloudInitDoesNotRun) {
  SyntheticRoot disabled_units;
  make_cloud_image(disabled_units);
  std::filesystem::remove_all(disabled_units.host("/etc/systemd/system/cloud-init.target.wants"));
  std::filesystem::remove(
      disabled_units.host("/etc/systemd/system/multi-user.target.wants/image-agent-firstboot.service"));
  EXPECT_EQ(outcome(run_item("cloud_init", disabled_units.path(), kCustomized)), "OK 0");

  SyntheticRoot marker;
  make_cloud_image(marker);
  std::filesystem::remove(
      marker.host("/etc/systemd/system/multi-user.target.wants/image-agent-firstboot.service"));
  marker.file("/etc/cloud/cloud-init.disabled");
  EXPECT_EQ(outcome(run_item("cloud_init", marker.path(), kCustomized)), "OK 0");
}

}  // namespace
}  // namespace image_agent::precheck::testing

// The system items on a real Debian bookworm root (minbase, ifupdown, openssh-server,
// systemd, udev) built by make-debian-root: real dpkg status, real *.wants links and
// aliases made by deb-systemd-helper, real host keys from openssh-server's postinst.
#include <gtest/gtest.h>

#include "planted_root.h"
#include "support.h"
#include "test_support/debian_root.h"

namespace image_agent::precheck::testing {
namespace {

class DebianRoot : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new image_agent::testing::TempDir();
    root_ = image_agent::testing::extract_debian_root("ifupdown,iproute2,openssh-server,systemd,udev",
                                                      dir_->path(), &skip_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (root_.empty()) GTEST_SKIP() << skip_;
  }

  static image_agent::testing::TempDir* dir_;
  static std::string root_;
  static std::string skip_;
};
image_agent::testing::TempDir* DebianRoot::dir_ = nullptr;
std::string DebianRoot::root_;
std::string DebianRoot::skip_;

TEST_F(DebianRoot, JudgedAsAMinimalDebian) {
  struct Case {
    const char* id;
    const char* want;
  };
  const Case cases[] = {
      {"shadow", "OK 0"},
      {"selinux", "OK 0"},
      {"qemu_ga", "OK 0"},
      {"network", "OK 0"},
      {"dhcp", "WARNING 702"},
      {"ssh", "OK 0"},
      {"firewall", "OK 0"},
      {"root_account", "OK 0"},
      {"passwd", "OK 0"},
      {"empty_password", "OK 0"},
      {"lib", "OK 0"},
      {"system_dirs", "OK 0"},
      {"release", "OK 0"},
      {"cloud_init", "WARNING 2701"},
      {"ssh_host_keys", "WARNING 3001"},
      {"sensitive_data", "OK 0"},
      {"rtc_utc", "OK 0"},
      {"growpart", "WARNING 3401"},
  };
  for (const Case& c : cases) {
    Verdict v = run_item(c.id, root_);
    EXPECT_EQ(outcome(v), c.want) << c.id << ": " << v.comment;
  }
  Verdict ssh = run_item("ssh", root_);
  bool found_link = false;
  for (const auto& [key, value] : ssh.evidence)
    found_link = found_link || value.find(".wants/ssh.service") != std::string::npos;
  EXPECT_TRUE(found_link) << "ssh is enabled by deb-systemd-helper's multi-user.target.wants link";
}

TEST_F(DebianRoot, FixedByADhcpStanzaAndSysprep) {
  image_agent::testing::write_file(root_ + "/etc/network/interfaces.d/eth0",
                                   "auto eth0\niface eth0 inet dhcp\n");
  EXPECT_EQ(outcome(run_item("dhcp", root_)), "OK 0");
  sysprep::testing::run_operations(root_, {"ssh-host-keys", "machine-id"});
  EXPECT_EQ(outcome(run_item("ssh_host_keys", root_)), "OK 0");
  EXPECT_EQ(outcome(run_item("machine_id", root_)), "OK 0");
}

}  // namespace
}  // namespace image_agent::precheck::testing

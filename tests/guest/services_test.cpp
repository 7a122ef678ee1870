// The guest's services, by the one rule every engine uses: systemd's links (pure, on
// link lists), SysV rc links, and service_status over a real root.
#include <gtest/gtest.h>

#include <filesystem>

#include "guest/services.h"
#include "test_support/temp_dir.h"

namespace image_agent::guest {
namespace {

using image_agent::testing::TempDir;
using image_agent::testing::write_file;

TEST(UnitEnablement, WantsLinksEnableMasksWinPresetsDoNot) {
  const std::string etc = "/etc/systemd/system";
  struct Case {
    const char* name;
    std::vector<UnitLink> links;
    UnitState want;
  };
  const Case cases[] = {
      {"no links", {}, UnitState::kDisabled},
      {"wants link",
       {{etc + "/multi-user.target.wants", "ssh.service", "/lib/systemd/system/ssh.service", true}},
       UnitState::kEnabled},
      {"requires link", {{etc + "/sysinit.target.requires", "ssh.service", "/x", true}}, UnitState::kEnabled},
      {"vendor wants link (static)",
       {{"/usr/lib/systemd/system/multi-user.target.wants", "ssh.service", "../ssh.service", true}},
       UnitState::kEnabled},
      {"dangling wants link",
       {{etc + "/multi-user.target.wants", "ssh.service", "/gone", false}},
       UnitState::kDisabled},
      {"alias only is not enablement",
       {{etc, "sshd.service", "/lib/systemd/system/ssh.service", true}},
       UnitState::kDisabled},
      {"masked", {{etc, "ssh.service", "/dev/null", true}}, UnitState::kMasked},
      {"masked wins over wants",
       {{etc + "/multi-user.target.wants", "ssh.service", "/lib/systemd/system/ssh.service", true},
        {etc, "ssh.service", "/dev/null", true}},
       UnitState::kMasked},
      {"other unit", {{etc + "/multi-user.target.wants", "cron.service", "/x", true}}, UnitState::kDisabled},
      {"a link in a non-wants dir",
       {{etc + "/ssh.service.d", "ssh.service", "/x", true}},
       UnitState::kDisabled},
  };
  for (const Case& c : cases) EXPECT_EQ(unit_enablement(c.links, "ssh.service").state, c.want) << c.name;
}

TEST(SysvStartLink, SLinksInMultiUserRunlevelsOnly) {
  std::vector<RcLink> links{
      {"/etc/rc0.d", "K01sshd"}, {"/etc/rc1.d", "S01sshd"}, {"/etc/rc.d/rc3.d", "K10network"}};
  EXPECT_EQ(sysv_start_link(links, "sshd"), nullptr);
  EXPECT_EQ(sysv_start_link(links, "network"), nullptr);
  links.push_back({"/etc/rc.d/rc3.d", "S10network"});
  links.push_back({"/etc/rc2.d", "S01image-agent-firstboot"});
  links.push_back({"/etc/rcS.d", "S02udev"});
  ASSERT_NE(sysv_start_link(links, "network"), nullptr);
  EXPECT_EQ(sysv_start_link(links, "network")->dir, "/etc/rc.d/rc3.d");
  EXPECT_NE(sysv_start_link(links, "image-agent-firstboot"), nullptr);
  EXPECT_NE(sysv_start_link(links, "udev"), nullptr);
  EXPECT_EQ(sysv_start_link(links, "image-agent"), nullptr);
  EXPECT_EQ(sysv_start_link({{"/etc/rc3.d", "Sxxsshd"}}, "sshd"), nullptr);
}

ServiceStatus status_of(const TempDir& root, const std::vector<std::string_view>& units,
                        std::string_view script) {
  Result<RootFs> fs = RootFs::open(root.path());
  EXPECT_TRUE(fs) << fs.error().message;
  return service_status(*fs, read_boot_links(*fs), units, script);
}

TEST(ServiceStatus, UnitLinksDecideAndRcLinksOnlyWithoutAUnitFile) {
  TempDir root;
  write_file(root / "etc/rc.d/init.d/network", "#!/bin/sh\n");  // RHEL's layout
  std::filesystem::create_directories(root / "etc/rc.d/rc3.d");
  std::filesystem::create_symlink("../init.d/network", root / "etc/rc.d/rc3.d/S10network");
  ServiceStatus sysv = status_of(root, {"network.service"}, "network");
  EXPECT_TRUE(sysv.enabled);
  EXPECT_EQ(sysv.link, "/etc/rc.d/rc3.d/S10network");
  EXPECT_EQ(describe(sysv), "enabled (/etc/rc.d/rc3.d/S10network)");

  // A native unit file makes systemd ignore the rc link: installed, not enabled.
  write_file(root / "usr/lib/systemd/system/network.service", "[Unit]\n");
  ServiceStatus native = status_of(root, {"network.service"}, "network");
  EXPECT_FALSE(native.enabled);
  EXPECT_TRUE(native.installed);
  EXPECT_EQ(describe(native), "installed, not enabled (/usr/lib/systemd/system/network.service)");

  std::filesystem::create_directories(root / "etc/systemd/system/multi-user.target.wants");
  std::filesystem::create_symlink("/usr/lib/systemd/system/network.service",
                                  root / "etc/systemd/system/multi-user.target.wants/network.service");
  EXPECT_TRUE(status_of(root, {"network.service"}, "network").enabled);

  std::filesystem::create_symlink("/dev/null", root / "etc/systemd/system/network.service");
  ServiceStatus masked = status_of(root, {"network.service"}, "network");
  EXPECT_FALSE(masked.enabled);
  EXPECT_TRUE(masked.masked);
  EXPECT_EQ(describe(masked), "masked (/etc/systemd/system/network.service)");
}

TEST(ServiceStatus, NotInstalledWithoutUnitOrScript) {
  TempDir root;
  std::filesystem::create_directories(root / "etc");
  EXPECT_EQ(describe(status_of(root, {"ssh.service", "sshd.service"}, "ssh")), "not installed");
}

}  // namespace
}  // namespace image_agent::guest

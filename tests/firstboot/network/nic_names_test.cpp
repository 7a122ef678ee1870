#include "firstboot/network/nic_names.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "firstboot/network/backend.h"
#include "fixtures.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

using image_agent::testing::TempDir;
using image_agent::testing::write_file;

RootFs open_root(const TempDir& dir) {
  Result<RootFs> fs = RootFs::open(dir.path());
  if (!fs) throw std::runtime_error(fs.error().message);
  return std::move(*fs);
}

// A fake /sys/class/net: one directory per interface with its address, and a "device"
// entry for physical NICs.
void fake_nic(const TempDir& root, const std::string& name, const std::string& mac, bool physical = true) {
  write_file(root / ("sys/class/net/" + name + "/address"), mac + "\n");
  if (physical) write_file(root / ("sys/class/net/" + name + "/device/vendor"), "0x1af4\n");
}

TEST(NicNamesLive, FindsEachNicByMacWhateverItsKernelName) {
  TempDir root;
  fake_nic(root, "lo", "00:00:00:00:00:00");
  fake_nic(root, "ens5", "00:8C:FA:5E:14:24");  // sysfs case does not matter
  fake_nic(root, "ens3", "00:8c:fa:5e:14:23");
  Result<NicNames> names = resolve_nic_names(testing::classic_network(), open_root(root), true);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(names->by_index.at(0), "ens3");
  EXPECT_EQ(names->by_index.at(1), "ens5");
  EXPECT_TRUE(names->pin_files.empty()) << "live names exist already: nothing to pin";
}

TEST(NicNamesLive, PrefersThePhysicalNicOverABridgeWithItsMac) {
  TempDir root;
  fake_nic(root, "br0", "00:8c:fa:5e:14:23", false);
  fake_nic(root, "enp0s5", "00:8c:fa:5e:14:23");
  Result<NicNames> names = resolve_nic_names(testing::vpc_network(), open_root(root), true);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(names->by_index.at(0), "enp0s5");
}

TEST(NicNamesLive, MissingMacIsAnErrorNamingIt) {
  TempDir root;
  fake_nic(root, "ens3", "00:8c:fa:5e:14:23");
  Result<NicNames> names = resolve_nic_names(testing::classic_network(), open_root(root), true);
  ASSERT_FALSE(names);
  EXPECT_NE(names.error().message.find("00:8c:fa:5e:14:24"), std::string::npos) << names.error().message;
  EXPECT_NE(names.error().message.find("eth1"), std::string::npos) << names.error().message;
}

TEST(NicNamesLive, NicWithoutMacKeepsItsOsConfName) {
  TempDir root;
  fake_nic(root, "ens3", "00:8c:fa:5e:14:99");
  Result<NicNames> names = resolve_nic_names(testing::no_mac_network(), open_root(root), true);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(names->by_index.at(0), "eth0");
}

TEST(NicNamesLive, TakesTheSysfsDirectoryItIsGiven) {
  TempDir root;
  write_file(root / "fake/net/ens3/address", "00:8c:fa:5e:14:23\n");
  Result<NicNames> names = resolve_nic_names(testing::vpc_network(), open_root(root), true, "/fake/net");
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(names->by_index.at(0), "ens3");
}

TEST(NicNamesOffline, PinsOsConfNamesWithLinkFilesOnSystemdUdevd) {
  TempDir root;
  write_file(root / "usr/lib/systemd/systemd-udevd", "", 0755);
  Result<NicNames> names = resolve_nic_names(testing::classic_network(), open_root(root), false);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(names->by_index.at(0), "eth0");
  EXPECT_EQ(names->by_index.at(1), "eth1");
  ASSERT_EQ(names->pin_files.size(), 2u);
  EXPECT_EQ(names->pin_files[1].path, "/etc/systemd/network/10-image-agent-eth1.link");
  EXPECT_NE(names->pin_files[1].content.find("[Match]\nMACAddress=00:8c:fa:5e:14:24\n\n[Link]\nName=eth1\n"),
            std::string::npos)
      << names->pin_files[1].content;
  EXPECT_NE(names->pin_files[1].content.find(kOwnedMarker), std::string::npos);
}

TEST(NicNamesOffline, WritesAUdevRuleWhereUdevIsNotSystemds) {
  TempDir root;
  write_file(root / "etc/udev/udev.conf", "");
  Result<NicNames> names = resolve_nic_names(testing::classic_network(), open_root(root), false);
  ASSERT_TRUE(names) << names.error().message;
  ASSERT_EQ(names->pin_files.size(), 1u);
  EXPECT_EQ(names->pin_files[0].path, "/etc/udev/rules.d/70-image-agent-net.rules");
  EXPECT_NE(names->pin_files[0].content.find(
                "SUBSYSTEM==\"net\", ACTION==\"add\", DRIVERS==\"?*\", ATTR{address}==\"00:8c:fa:5e:14:24\", "
                "NAME=\"eth1\"\n"),
            std::string::npos)
      << names->pin_files[0].content;
}

TEST(NicNamesOffline, NoUdevNoMacNothingToPin) {
  TempDir root;
  Result<NicNames> names = resolve_nic_names(testing::classic_network(), open_root(root), false);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_TRUE(names->pin_files.empty());
  write_file(root / "usr/lib/systemd/systemd-udevd", "", 0755);
  names = resolve_nic_names(testing::no_mac_network(), open_root(root), false);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_TRUE(names->pin_files.empty());
  EXPECT_EQ(names->by_index.at(0), "eth0");
}

TEST(NicNamesOffline, EarlierUserLinkFileForTheSameNicIsAnError) {
  TempDir root;
  write_file(root / "usr/lib/systemd/systemd-udevd", "", 0755);
  write_file(root / "etc/systemd/network/05-lan.link",
             "[Match]\nMACAddress=00:8c:fa:5e:14:23\n[Link]\nName=lan0\n");
  Result<NicNames> names = resolve_nic_names(testing::vpc_network(), open_root(root), false);
  ASSERT_FALSE(names);
  EXPECT_NE(names.error().message.find("/etc/systemd/network/05-lan.link"), std::string::npos)
      << names.error().message;
}

TEST(NicNamesOffline, UserUdevRuleNamingOurMacOtherwiseIsAnError) {
  TempDir root;
  write_file(root / "usr/lib/systemd/systemd-udevd", "", 0755);
  write_file(root / "etc/udev/rules.d/70-persistent-net.rules",
             "# old NICs\nSUBSYSTEM==\"net\", ACTION==\"add\", ATTR{address}==\"00:8C:FA:5E:14:24\", "
             "NAME=\"eth0\"\n");
  Result<NicNames> names = resolve_nic_names(testing::classic_network(), open_root(root), false);
  ASSERT_FALSE(names);
  EXPECT_NE(names.error().message.find("/etc/udev/rules.d/70-persistent-net.rules"), std::string::npos)
      << names.error().message;
  // The same name, or another MAC, is harmless.
  write_file(root / "etc/udev/rules.d/70-persistent-net.rules",
             "SUBSYSTEM==\"net\", ATTR{address}==\"00:8c:fa:5e:14:24\", NAME=\"eth1\"\n"
             "SUBSYSTEM==\"net\", ATTR{address}==\"52:54:00:00:00:09\", NAME=\"eth0\"\n");
  EXPECT_TRUE(resolve_nic_names(testing::classic_network(), open_root(root), false));
}

TEST(NicNamesOffline, LaterOrUnrelatedLinkFilesAreFine) {
  TempDir root;
  write_file(root / "usr/lib/systemd/systemd-udevd", "", 0755);
  write_file(root / "usr/lib/systemd/network/99-default.link",
             "[Match]\nOriginalName=*\n[Link]\nNamePolicy=path\n");
  write_file(root / "etc/systemd/network/05-other.link",
             "[Match]\nMACAddress=52:54:00:00:00:01\n[Link]\nName=x\n");
  Result<NicNames> names = resolve_nic_names(testing::vpc_network(), open_root(root), false);
  ASSERT_TRUE(names) << names.error().message;
}

TEST(NicNamesOffline, RemovesOurLinkFileOfANicThatLeftOsConf) {
  TempDir root;
  write_file(root / "usr/lib/systemd/systemd-udevd", "", 0755);
  Result<NicNames> classic = resolve_nic_names(testing::classic_network(), open_root(root), false);
  ASSERT_TRUE(classic) << classic.error().message;
  testing::apply_changes(root.path(), classic->pin_files);
  Result<NicNames> vpc = resolve_nic_names(testing::vpc_network(), open_root(root), false);
  ASSERT_TRUE(vpc) << vpc.error().message;
  ASSERT_EQ(vpc->pin_files.size(), 2u);
  EXPECT_EQ(vpc->pin_files[1].kind, FileChange::Kind::kRemove);
  EXPECT_EQ(vpc->pin_files[1].path, "/etc/systemd/network/10-image-agent-eth1.link");
}

TEST(NicNamesLive, BackendsThatNeedNamesUseTheLiveOnes) {
  // On the running system the NICs are already named (ens3, ens4): every backend that
  // configures by name uses those names, and nothing renames or pins anything.
  TempDir root;
  fake_nic(root, "ens3", "00:8c:fa:5e:14:23");
  fake_nic(root, "ens4", "00:8c:fa:5e:14:24");
  write_file(root / "usr/lib/systemd/systemd-udevd", "", 0755);
  RootFs fs = open_root(root);
  for (const std::string& name : testing::all_backends()) {
    std::unique_ptr<NetworkBackend> backend = make_backend(name);
    if (!backend->needs_nic_names()) continue;
    Result<NicNames> names = resolve_nic_names(testing::classic_network(), fs, true);
    ASSERT_TRUE(names) << names.error().message;
    Result<FileChanges> plan = backend->plan(testing::classic_network(), *names, fs);
    ASSERT_TRUE(plan) << name << ": " << plan.error().message;
    std::string all;
    for (const FileChange& change : *plan) all += change.path + "\n" + change.content;
    EXPECT_NE(all.find("ens4"), std::string::npos) << name << ":\n" << all;
    EXPECT_EQ(all.find(".link"), std::string::npos) << name << ":\n" << all;
    const std::map<std::string, std::string> telltale = {{"netplan", "set-name: ens4"},
                                                         {"ifupdown", "iface ens4 inet static"},
                                                         {"ifcfg-rhel", "network-scripts/ifcfg-ens4\n"},
                                                         {"ifcfg-suse", "default 42.120.74.1 - ens4"}};
    EXPECT_NE(all.find(telltale.at(name)), std::string::npos) << all;
  }
}

TEST(NicNamesOffline, AnUnreadableUdevProbeIsAnErrorNotAbsent) {
  // Taking a failed probe of systemd-udevd for "absent" skipped the .link file that pins
  // the NIC's name, and the run still exited 0 with os.conf deleted.
  TempDir root;
  std::filesystem::create_directories(root / "usr/lib/systemd");
  std::filesystem::create_symlink("systemd-udevd", root / "usr/lib/systemd/systemd-udevd");
  Result<NicNames> names = resolve_nic_names(testing::vpc_network(), open_root(root), false);
  ASSERT_FALSE(names);
  EXPECT_NE(names.error().message.find("systemd-udevd"), std::string::npos) << names.error().message;
}

}  // namespace
}  // namespace image_agent::firstboot

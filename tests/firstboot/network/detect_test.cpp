#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "firstboot/network/backend.h"
#include "fixtures.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

using image_agent::testing::TempDir;
using image_agent::testing::write_file;

Result<std::string> detect(const TempDir& root) {
  Result<RootFs> fs = RootFs::open(root.path());
  if (!fs) return fs.error();
  return detect_backend(*fs);
}

void enable(const TempDir& root, const std::string& unit,
            const std::string& wants = "multi-user.target.wants") {
  write_file(root / ("usr/lib/systemd/system/" + unit), "[Unit]\n");
  std::filesystem::create_directories(root / ("etc/systemd/system/" + wants));
  std::filesystem::create_symlink("/usr/lib/systemd/system/" + unit,
                                  root / ("etc/systemd/system/" + wants + "/" + unit));
}

TEST(DetectBackend, EachSeededGuestIsDetectedAsItsBackend) {
  for (const std::string& backend : testing::all_backends()) {
    TempDir root;
    testing::seed_guest(backend, root.path());
    Result<std::string> found = detect(root);
    ASSERT_TRUE(found) << backend << ": " << found.error().message;
    EXPECT_EQ(*found, backend);
  }
}

TEST(DetectBackend, NetplanYamlWinsOverTheRendererItDrives) {
  TempDir root;
  enable(root, "systemd-networkd.service");
  write_file(root / "etc/network/interfaces", "auto lo\n");
  EXPECT_EQ(*detect(root), "networkd");
  write_file(root / "etc/netplan/50-cloud-init.yaml", "network: {version: 2}\n");
  EXPECT_EQ(*detect(root), "netplan");
}

TEST(DetectBackend, EnabledNetworkManagerBeatsIfcfgAndIfupdown) {
  TempDir root;
  std::filesystem::create_directories(root / "etc/sysconfig/network-scripts");
  EXPECT_EQ(*detect(root), "ifcfg-rhel");
  write_file(root / "etc/network/interfaces", "auto lo\n");
  EXPECT_EQ(*detect(root), "ifupdown");
  enable(root, "NetworkManager.service");
  EXPECT_EQ(*detect(root), "networkmanager");
}

TEST(DetectBackend, InstalledButDisabledManagersDoNotCount) {
  TempDir root;
  write_file(root / "usr/lib/systemd/system/NetworkManager.service", "[Unit]\n");
  write_file(root / "usr/lib/systemd/system/systemd-networkd.service", "[Unit]\n");
  // Masked: a link to /dev/null is not an enabled unit.
  std::filesystem::create_directories(root / "etc/systemd/system/multi-user.target.wants");
  std::filesystem::create_symlink("/dev/null",
                                  root / "etc/systemd/system/multi-user.target.wants/NetworkManager.service");
  write_file(root / "etc/network/interfaces", "auto lo\n");
  EXPECT_EQ(*detect(root), "ifupdown");
}

TEST(DetectBackend, NetworkdEnabledThroughItsSocket) {
  TempDir root;
  enable(root, "systemd-networkd.socket", "sockets.target.wants");
  EXPECT_EQ(*detect(root), "networkd");
}

TEST(DetectBackend, SuseByIfcfgFilesWithoutBrand) {
  TempDir root;
  write_file(root / "etc/sysconfig/network/ifcfg-eth0", "BOOTPROTO='dhcp'\n");
  EXPECT_EQ(*detect(root), "ifcfg-suse");
}

TEST(DetectBackend, NothingRecognisableIsAnError) {
  TempDir root;
  write_file(root / "etc/os-release", "ID=unknown\n");
  write_file(root / "etc/sysconfig/network", "NETWORKING=yes\n");  // a file, not ifcfg-*
  Result<std::string> found = detect(root);
  ASSERT_FALSE(found);
  EXPECT_NE(found.error().message.find("--network-backend"), std::string::npos) << found.error().message;
}

TEST(BackendRegistry, EveryNameMakesItsBackend) {
  for (std::string_view name : backend_names()) {
    std::unique_ptr<NetworkBackend> backend = make_backend(name);
    ASSERT_NE(backend, nullptr) << name;
    EXPECT_EQ(backend->name(), name);
  }
  EXPECT_EQ(backend_names().size(), testing::all_backends().size());
  EXPECT_EQ(make_backend("wicked-ng"), nullptr);
  // Only netplan renders its runtime config before firstboot runs.
  EXPECT_EQ(make_backend("netplan")->live_regenerate_command(),
            (std::vector<std::string>{"netplan", "generate"}));
  EXPECT_TRUE(make_backend("networkd")->live_regenerate_command().empty());
}

}  // namespace
}  // namespace image_agent::firstboot

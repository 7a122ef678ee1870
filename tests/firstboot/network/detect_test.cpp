#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <set>
#include <utility>

#include "firstboot/network/backend.h"
#include "fixtures.h"
#include "guest/network_stack.h"
#include "precheck/context.h"
#include "precheck/facts/services.h"
#include "precheck/registry.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

using image_agent::testing::TempDir;
using image_agent::testing::write_file;

Result<std::string> detect(const TempDir& root) {
  Result<RootFs> fs = RootFs::open(root.path());
  if (!fs) return fs.error();
  return guest::detect_network_stack(*fs);
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

// Acceptance of one guest model: the stack firstboot picks is the one precheck's service
// facts call enabled, on every fixture root and on the shapes where the two rules once
// parted (a masked unit that keeps its wants link, a vendor wants link, .requires).
TEST(DetectBackend, AgreesWithPrecheckServiceFactsOnEveryFixtureRoot) {
  std::vector<std::pair<std::string, std::unique_ptr<TempDir>>> roots;
  for (const std::string& backend : testing::all_backends()) {
    auto root = std::make_unique<TempDir>();
    testing::seed_guest(backend, root->path());
    roots.emplace_back("seeded " + backend, std::move(root));
  }
  auto masked = std::make_unique<TempDir>();
  enable(*masked, "NetworkManager.service");
  std::filesystem::create_symlink("/dev/null", *masked / "etc/systemd/system/NetworkManager.service");
  write_file(*masked / "etc/network/interfaces", "auto lo\n");
  roots.emplace_back("masked NetworkManager with its wants link", std::move(masked));
  auto vendor = std::make_unique<TempDir>();
  write_file(*vendor / "usr/lib/systemd/system/systemd-networkd.service", "[Unit]\n");
  std::filesystem::create_directories(*vendor / "usr/lib/systemd/system/multi-user.target.wants");
  std::filesystem::create_symlink(
      "../systemd-networkd.service",
      *vendor / "usr/lib/systemd/system/multi-user.target.wants/systemd-networkd.service");
  roots.emplace_back("networkd wanted by the vendor", std::move(vendor));
  auto required = std::make_unique<TempDir>();
  enable(*required, "NetworkManager.service", "network-online.target.requires");
  roots.emplace_back("NetworkManager through .requires", std::move(required));

  std::set<std::string, std::less<>> ids;
  for (std::string_view id : precheck::spec_item_ids()) ids.emplace(id);
  Result<precheck::Policy> policy = precheck::parse_policy(precheck::default_policy_yaml(), ids);
  ASSERT_TRUE(policy) << policy.error().message;
  for (const auto& [name, root] : roots) {
    Result<RootFs> fs = RootFs::open(root->path());
    ASSERT_TRUE(fs) << name;
    precheck::Context context(*fs, *policy, "aliyun", false);
    bool nm = precheck::service_status(context, {"NetworkManager.service"}, "").enabled;
    bool networkd =
        precheck::service_status(context, {"systemd-networkd.service", "systemd-networkd.socket"}, "")
            .enabled;
    Result<std::string> stack = detect(*root);
    std::string detected = stack ? *stack : "error: " + stack.error().message;
    if (detected == "netplan") continue;  // netplan drives whichever renderer it names
    EXPECT_EQ(detected == "networkmanager", nm) << name << ": detected " << detected;
    EXPECT_EQ(detected == "networkd", networkd && !nm) << name << ": detected " << detected;
  }
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

TEST(DetectBackend, AnUnreadableProbeIsAnErrorNotAbsent) {
  // A symlink loop stands for any failure but "no such file" (EIO on a failing disk):
  // taking it for "no /etc/network/interfaces" would write for the wrong stack.
  TempDir root;
  std::filesystem::create_directories(root / "etc/network");
  std::filesystem::create_symlink("interfaces", root / "etc/network/interfaces");
  std::filesystem::create_directories(root / "etc/sysconfig/network-scripts");
  Result<std::string> stack = detect(root);
  ASSERT_FALSE(stack) << *stack;
  EXPECT_NE(stack.error().message.find("/etc/network/interfaces"), std::string::npos)
      << stack.error().message;
}

}  // namespace
}  // namespace image_agent::firstboot

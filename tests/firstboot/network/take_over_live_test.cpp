// Live, the stacks that bind our profiles by MAC (NetworkManager, systemd-networkd) still
// learn the NICs' kernel names: the user's profiles name them that way. The case is the
// one a RHEL 9 install leaves: anaconda's keyfile for interface-name=ens3, method=auto,
// and an instance whose os.conf calls that NIC eth0.
#include <gtest/gtest.h>

#include <string>

#include "firstboot/network/network_group.h"
#include "fixtures.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

using image_agent::testing::TempDir;
using image_agent::testing::write_file;

constexpr const char* kAnacondaKeyfile =
    "[connection]\nid=ens3\nuuid=8a2f4c1e-7b3d-4e59-a6c8-0d1f2e3b4a5c\ntype=ethernet\n"
    "autoconnect-priority=-999\ninterface-name=ens3\n\n[ethernet]\n\n[ipv4]\nmethod=auto\n\n"
    "[ipv6]\naddr-gen-mode=eui64\nmethod=auto\n\n[proxy]\n";
constexpr const char* kStock = "/etc/NetworkManager/system-connections/ens3.nmconnection";

// The guest with its installer's keyfile, and (in sysfs) the vpc NIC as the kernel named it.
void make_rhel_guest(const TempDir& root) {
  write_file(root / (std::string(kStock).substr(1)), kAnacondaKeyfile, 0600);
  write_file(root / "sys/class/net/ens3/address", "00:8c:fa:5e:14:23\n");
  write_file(root / "sys/class/net/ens3/device/vendor", "0x1af4\n");
}

bool takes_over(const GroupPlan& plan, const std::string& path) {
  for (const FileChange& change : plan.files) {
    if (change.kind == FileChange::Kind::kCopy && change.content == path) return true;
  }
  return false;
}

GroupPlan plan(const TempDir& root, const std::string& backend, bool live) {
  Result<RootFs> fs = RootFs::open(root.path());
  if (!fs) throw std::runtime_error(fs.error().message);
  std::string detail;
  Result<GroupPlan> planned = plan_network(*fs, testing::vpc_network(), backend, live, &detail);
  if (!planned) throw std::runtime_error(planned.error().message);
  return std::move(*planned);
}

TEST(TakeOverLive, NetworkManagerTakesOverTheInstallersKeyfileForTheKernelName) {
  TempDir root;
  make_rhel_guest(root);
  EXPECT_TRUE(takes_over(plan(root, "networkmanager", true), kStock))
      << "interface-name=ens3 is the NIC with os.conf's eth0 MAC";
}

TEST(TakeOverLive, AKeyfileForAnotherNicStays) {
  TempDir root;
  make_rhel_guest(root);
  write_file(root / "sys/class/net/ens3/address", "00:8c:fa:5e:14:99\n");
  write_file(root / "sys/class/net/ens4/address", "00:8c:fa:5e:14:23\n");
  write_file(root / "sys/class/net/ens4/device/vendor", "0x1af4\n");
  EXPECT_FALSE(takes_over(plan(root, "networkmanager", true), kStock)) << "ens3 is not os.conf's NIC";
}

// cloud-init's networkd renderer names its file so that it sorts before ours.
TEST(TakeOverLive, NetworkdTakesOverADhcpUnitForTheKernelName) {
  TempDir root;
  make_rhel_guest(root);
  const std::string unit = "/etc/systemd/network/10-cloud-init-ens3.network";
  write_file(root / unit.substr(1), "[Match]\nName=ens3\n\n[Network]\nDHCP=ipv4\n");
  EXPECT_TRUE(takes_over(plan(root, "networkd", true), unit));
}

}  // namespace
}  // namespace image_agent::firstboot

// On a guest whose cloud-init would find its datasource on ECS (AliYun is in its list),
// cloud-init re-renders network and host name after firstboot at every boot unless told
// not to: firstboot must leave it a cloud.cfg.d drop-in that disables its network config
// and preserves the host name.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "firstbooted.h"

namespace image_agent::guests {
namespace {

namespace fs = std::filesystem;
using image_agent::testing::read_file;
using image_agent::testing::TempDir;

class GuestCloudInit : public ::testing::TestWithParam<Case> {};

TEST_P(GuestCloudInit, IsToldToLeaveNetworkAndHostNameAlone) {
  Firstbooted guest(GetParam());
  TempDir fresh;
  make_root(GetParam().guest, fresh / "root");
  bool network_disabled = false;
  bool hostname_preserved = false;
  for (const auto& entry : fs::directory_iterator(guest.host("/etc/cloud/cloud.cfg.d"))) {
    const std::string name = entry.path().filename();
    if (!name.ends_with(".cfg") || fs::exists(fresh / ("root/etc/cloud/cloud.cfg.d/" + name))) continue;
    YAML::Node cfg = YAML::Load(read_file(entry.path()));
    if (cfg["network"] && cfg["network"]["config"] &&
        cfg["network"]["config"].as<std::string>() == "disabled")
      network_disabled = true;
    if (cfg["preserve_hostname"] && cfg["preserve_hostname"].as<bool>()) hostname_preserved = true;
  }
  EXPECT_TRUE(network_disabled) << "no new /etc/cloud/cloud.cfg.d/*.cfg with network: {config: disabled}\n"
                                << guest.log();
  EXPECT_TRUE(hostname_preserved) << "no new /etc/cloud/cloud.cfg.d/*.cfg with preserve_hostname: true\n"
                                  << guest.log();
}

std::vector<Case> cloud_init_cases() {
  std::vector<Case> cases;
  for (const Case& c : all_cases()) {
    if (c.guest.family->cloud_init_active) cases.push_back(c);
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Guests, GuestCloudInit, ::testing::ValuesIn(cloud_init_cases()),
                         [](const ::testing::TestParamInfo<Case>& param) { return case_name(param.param); });

}  // namespace
}  // namespace image_agent::guests

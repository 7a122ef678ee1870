// Items decided from the guest's files: accounts, services, configuration. Each is in
// checks/<id>.cpp; this is their list (spec order is restored by registry.cpp).
#include "precheck/registry.h"

namespace image_agent::precheck {
namespace checks {

extern const Item kShadowItem;
extern const Item kSelinuxItem;
extern const Item kQemuGaItem;
extern const Item kNetworkItem;
extern const Item kDhcpItem;
extern const Item kSshItem;
extern const Item kFirewallItem;
extern const Item kRootAccountItem;
extern const Item kPasswdItem;
extern const Item kEmptyPasswordItem;
extern const Item kLibItem;
extern const Item kSystemDirsItem;
extern const Item kReleaseItem;
extern const Item kCloudInitItem;
extern const Item kFirstbootItem;
extern const Item kSshHostKeysItem;
extern const Item kSensitiveDataItem;
extern const Item kMachineIdItem;
extern const Item kRtcUtcItem;
extern const Item kGrowpartItem;
extern const Item kOsSupportedItem;

}  // namespace checks

std::span<const Item> system_items() {
  using namespace checks;
  static const Item kItems[] = {
      kShadowItem,      kSelinuxItem,       kQemuGaItem,      kNetworkItem,   kDhcpItem,
      kSshItem,         kFirewallItem,      kRootAccountItem, kPasswdItem,    kEmptyPasswordItem,
      kLibItem,         kSystemDirsItem,    kReleaseItem,     kCloudInitItem, kFirstbootItem,
      kSshHostKeysItem, kSensitiveDataItem, kMachineIdItem,   kRtcUtcItem,    kGrowpartItem,
      kOsSupportedItem,
  };
  return kItems;
}

}  // namespace image_agent::precheck

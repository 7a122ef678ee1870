#include "precheck/registry.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <string>

namespace image_agent::precheck {

// Each item is defined in checks/<id>.cpp.
namespace checks {
extern const Item kDriverItem;
extern const Item kNvmeItem;
extern const Item kShadowItem;
extern const Item kSelinuxItem;
extern const Item kQemuGaItem;
extern const Item kNetworkItem;
extern const Item kDhcpItem;
extern const Item kSshItem;
extern const Item kFirewallItem;
extern const Item kFilesystemItem;
extern const Item kDeviceIdItem;
extern const Item kFstabDataDiskItem;
extern const Item kRootAccountItem;
extern const Item kPasswdItem;
extern const Item kEmptyPasswordItem;
extern const Item kPartitionTableItem;
extern const Item kLvmItem;
extern const Item kSingleRootItem;
extern const Item kLibItem;
extern const Item kSystemDirsItem;
extern const Item kDiskSizeItem;
extern const Item kDiskUsageItem;
extern const Item kInodeUsageItem;
extern const Item kReleaseItem;
extern const Item kBootloaderItem;
extern const Item kKernelItem;
extern const Item kCloudInitItem;
extern const Item kFirstPartitionItem;
extern const Item kFirstbootItem;
extern const Item kSshHostKeysItem;
extern const Item kSensitiveDataItem;
extern const Item kMachineIdItem;
extern const Item kRtcUtcItem;
extern const Item kGrowpartItem;
extern const Item kOsSupportedItem;
extern const Item kEncryptedItem;
extern const Item kDataDiskSizeItem;
}  // namespace checks

namespace {

// The item table of the spec (shared/spec/precheck.md), in its order: the registry test
// holds all_items() to it.
constexpr std::array<std::string_view, 37> kSpecIds{
    "driver",
    "nvme",
    "shadow",
    "selinux",
    "qemu_ga",
    "network",
    "dhcp",
    "ssh",
    "firewall",
    "filesystem",
    "device_id",
    "fstab_data_disk",
    "root_account",
    "passwd",
    "empty_password",
    "partition_table",
    "lvm",
    "single_root",
    "lib",
    "system_dirs",
    "disk_size",
    "disk_usage",
    "inode_usage",
    "release",
    "bootloader",
    "kernel",
    "cloud_init",
    "first_partition",
    "firstboot",
    "ssh_host_keys",
    "sensitive_data",
    "machine_id",
    "rtc_utc",
    "growpart",
    "os_supported",
    "encrypted",
    "data_disk_size",
};

std::vector<Item> of_kind(ItemKind kind) {
  std::vector<Item> found;
  for (const Item& item : all_items()) {
    if (item.kind == kind) found.push_back(item);
  }
  return found;
}

}  // namespace

std::span<const std::string_view> spec_item_ids() {
  return kSpecIds;
}

std::set<std::string, std::less<>> spec_item_id_set() {
  return {kSpecIds.begin(), kSpecIds.end()};
}

Result<std::vector<const Item*>> select_items(const Policy& policy, std::string_view profile,
                                              const std::vector<std::string>& only,
                                              const std::vector<std::string>& skip) {
  for (const std::vector<std::string>* ids : {&only, &skip}) {
    for (const std::string& id : *ids) {
      if (std::find(kSpecIds.begin(), kSpecIds.end(), id) == kSpecIds.end())
        return Error{"unknown item '" + id + "' (see --list)", EINVAL};
    }
  }
  auto named = [](const std::vector<std::string>& ids, std::string_view id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  std::vector<const Item*> selected;
  for (const Item& item : all_items()) {
    if (policy.find(profile, item.id) == nullptr) continue;  // off in this profile
    if (!only.empty() && !named(only, item.id)) continue;
    if (named(skip, item.id)) continue;
    selected.push_back(&item);
  }
  return selected;
}

const std::vector<Item>& all_items() {
  // The one table, in the spec's order (also the report's).
  static const std::vector<Item> items{
      checks::kDriverItem,        checks::kNvmeItem,
      checks::kShadowItem,        checks::kSelinuxItem,
      checks::kQemuGaItem,        checks::kNetworkItem,
      checks::kDhcpItem,          checks::kSshItem,
      checks::kFirewallItem,      checks::kFilesystemItem,
      checks::kDeviceIdItem,      checks::kFstabDataDiskItem,
      checks::kRootAccountItem,   checks::kPasswdItem,
      checks::kEmptyPasswordItem, checks::kPartitionTableItem,
      checks::kLvmItem,           checks::kSingleRootItem,
      checks::kLibItem,           checks::kSystemDirsItem,
      checks::kDiskSizeItem,      checks::kDiskUsageItem,
      checks::kInodeUsageItem,    checks::kReleaseItem,
      checks::kBootloaderItem,    checks::kKernelItem,
      checks::kCloudInitItem,     checks::kFirstPartitionItem,
      checks::kFirstbootItem,     checks::kSshHostKeysItem,
      checks::kSensitiveDataItem, checks::kMachineIdItem,
      checks::kRtcUtcItem,        checks::kGrowpartItem,
      checks::kOsSupportedItem,   checks::kEncryptedItem,
      checks::kDataDiskSizeItem,
  };
  return items;
}

const std::vector<Item>& system_items() {
  static const std::vector<Item> items = of_kind(ItemKind::kSystem);
  return items;
}

const std::vector<Item>& device_items() {
  static const std::vector<Item> items = of_kind(ItemKind::kDevice);
  return items;
}

}  // namespace image_agent::precheck

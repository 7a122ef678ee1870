#include "precheck/registry.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace image_agent::precheck {
namespace {

// The item table of the spec (shared/spec/precheck.md), in its order.
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

}  // namespace

std::span<const std::string_view> spec_item_ids() {
  return kSpecIds;
}

const std::vector<Item>& all_items() {
  static const std::vector<Item> items = [] {
    std::vector<Item> all;
    for (std::span<const Item> group : {system_items(), device_items()})
      all.insert(all.end(), group.begin(), group.end());
    auto rank = [](const Item& item) {
      auto it = std::find(kSpecIds.begin(), kSpecIds.end(), item.id);
      return it == kSpecIds.end() ? kSpecIds.size() : static_cast<size_t>(it - kSpecIds.begin());
    };
    std::stable_sort(all.begin(), all.end(), [&](const Item& a, const Item& b) { return rank(a) < rank(b); });
    return all;
  }();
  return items;
}

}  // namespace image_agent::precheck

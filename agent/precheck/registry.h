#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "precheck/item.h"

namespace image_agent::precheck {

/// Every item, in the spec's table order (which is also the report's order).
const std::vector<Item>& all_items();

/// The spec's item ids in table order: the registry must hold exactly these.
std::span<const std::string_view> spec_item_ids();

/// The items of one kind (Item::kind), in table order.
const std::vector<Item>& system_items();  ///< files of the guest: accounts, services, configs
const std::vector<Item>& device_items();  ///< disks, file systems, kernel, initramfs, boot

}  // namespace image_agent::precheck

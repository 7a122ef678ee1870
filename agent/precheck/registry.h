#pragma once

#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"
#include "precheck/item.h"
#include "precheck/policy.h"

namespace image_agent::precheck {

/// Every item, in the spec's table order (which is also the report's order).
const std::vector<Item>& all_items();

/// The spec's item ids in table order: the registry must hold exactly these.
std::span<const std::string_view> spec_item_ids();
/// The same, as a set (what a policy may name).
std::set<std::string, std::less<>> spec_item_id_set();

/// The items a run checks, in table order: those `profile` of `policy` turns on, only the
/// `only` ones when that is not empty, none of `skip`. An id that is no item is an error
/// ("unknown item 'x' (see --list)").
Result<std::vector<const Item*>> select_items(const Policy& policy, std::string_view profile,
                                              const std::vector<std::string>& only,
                                              const std::vector<std::string>& skip);

/// The items of one kind (Item::kind), in table order.
const std::vector<Item>& system_items();  ///< files of the guest: accounts, services, configs
const std::vector<Item>& device_items();  ///< disks, file systems, kernel, initramfs, boot

}  // namespace image_agent::precheck

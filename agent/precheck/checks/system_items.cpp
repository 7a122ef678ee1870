// Items decided from the guest's files: accounts, services, configuration.
#include "precheck/registry.h"

namespace image_agent::precheck {

std::span<const Item> system_items() {
  static const Item kItems[] = {
      {"placeholder", "", 0, "", "", nullptr},
  };
  return std::span<const Item>(kItems, 0);
}

}  // namespace image_agent::precheck

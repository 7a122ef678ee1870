#include "precheck/parsed_default_policy.h"

#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "precheck/registry.h"

namespace image_agent::precheck::testing {

const Policy& default_policy() {
  static const Policy policy = [] {
    std::set<std::string, std::less<>> ids;
    for (std::string_view id : spec_item_ids()) ids.emplace(id);
    Result<Policy> parsed = parse_policy(default_policy_yaml(), ids);
    if (!parsed) throw std::runtime_error(parsed.error().message);
    return *parsed;
  }();
  return policy;
}

}  // namespace image_agent::precheck::testing

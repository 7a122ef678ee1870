// The precheck policy (YAML, --config FILE): profiles, inheritance, item settings.
// yaml-cpp's exceptions must all be caught inside parse_policy.
#include "fuzz_input.h"
#include "precheck/policy.h"
#include "precheck/registry.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::set<std::string, std::less<>> kItems = precheck::spec_item_id_set();
  if (Result<precheck::Policy> policy = precheck::parse_policy(fuzz::text_of(data, size), kItems)) {
    for (const auto& [profile, items] : policy->profiles) policy->find(profile, "disk_usage");
  }
  return 0;
}

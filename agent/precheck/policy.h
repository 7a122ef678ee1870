#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"
#include "precheck/item.h"

namespace image_agent::precheck {

/// How one item is judged in one profile.
struct ItemPolicy {
  bool enabled = true;                                    ///< "off": the item is not part of the profile
  Status severity = Status::kWarning;                     ///< kWarning or kFailed: what problem() reports
  std::map<std::string, double, std::less<>> thresholds;  ///< e.g. warn_percent: 90
  std::map<std::string, std::vector<std::string>, std::less<>> lists;  ///< e.g. supported: [...]
  std::map<std::string, bool, std::less<>> flags;                      ///< e.g. root_password_login: true
};

/// Profiles and thresholds as data (YAML): the compiled-in default, or --config FILE.
struct Policy {
  /// Where it came from, for messages: "built-in policy" or the --config path.
  std::string source = "built-in policy";
  /// profile name -> item id -> policy, with `inherits` already resolved.
  std::map<std::string, std::map<std::string, ItemPolicy, std::less<>>, std::less<>> profiles;

  /// The item's policy in `profile`; nullptr when the profile does not mention it (= off).
  const ItemPolicy* find(std::string_view profile, std::string_view item) const;
};

/// Parses a policy. Every item named must be one of `known_items`; every key known; a
/// bad value is an error naming its line and column.
///
///   profiles:
///     aliyun:
///       items:
///         disk_usage: {severity: warning, warn_percent: 90, fail_percent: 98}
///         os_supported: {severity: off}
///     aliyun-customized:
///       inherits: aliyun
///       items:
///         first_partition: {severity: failed}
///
/// Numbers are thresholds; true and false are flags; sequences of strings are lists;
/// `severity` is failed, warning or off.
Result<Policy> parse_policy(std::string_view yaml, const std::set<std::string, std::less<>>& known_items);

/// The compiled-in default policy (agent/precheck/default_policy.yaml).
std::string_view default_policy_yaml();

/// The policy of a run: the compiled-in one when `config` is "", else the YAML file
/// `config` on the host (relative: to the working directory), checked against the
/// registry's items. Errors name the file (and line and column for YAML errors).
Result<Policy> load_policy(const std::string& config);

}  // namespace image_agent::precheck

#pragma once

// /etc/selinux/config: SELINUX= is the mode the kernel starts in (enforcing, permissive,
// disabled); SELINUXTYPE= the policy.
#include <string>
#include <string_view>

namespace image_agent::precheck {

enum class SelinuxMode { kUnset, kEnforcing, kPermissive, kDisabled, kUnknown };

struct SelinuxConfig {
  SelinuxMode mode = SelinuxMode::kUnset;
  std::string value;  ///< SELINUX= as written (for messages)
  std::string type;   ///< SELINUXTYPE=
  int line = 0;       ///< of the SELINUX= assignment that counts (the last one)
};

/// Pure parser; values are case-insensitive as libselinux reads them.
SelinuxConfig parse_selinux_config(std::string_view text);

}  // namespace image_agent::precheck

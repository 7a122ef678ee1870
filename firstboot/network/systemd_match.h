#pragma once

#include <string_view>

namespace image_agent::firstboot {

/// Whether the [Match] section of a systemd .network or .link file may select the NIC with
/// MAC `mac` (any case; empty when unknown) and kernel name `name`. Used to find the
/// user's files that would win over ours for the same NIC. Conservative on purpose: a
/// condition that cannot be judged from files (Driver=, Path=, Type=, Property=,
/// OriginalName=, ...) counts as matching, and no [Match] at all matches every link.
bool systemd_match_may_select(std::string_view file, std::string_view mac, std::string_view name);

}  // namespace image_agent::firstboot

#pragma once

#include <string_view>

namespace image_agent::precheck {

/// Compares dotted versions numerically ("0.7.10" > "0.7.9", "23.4" > "0.7.9"); a Debian
/// epoch ("1:") and anything from the first character that is neither a digit nor '.'
/// ("-1ubuntu1", "+dfsg", "~rc1") are ignored. <0, 0, >0 like strcmp.
int compare_versions(std::string_view a, std::string_view b);

}  // namespace image_agent::precheck

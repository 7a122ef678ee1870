#pragma once

#include <string>
#include <string_view>

namespace image_agent::firstboot {

/// A unified diff (3 lines of context) of `before` -> `after`, with "--- a/PATH" and
/// "+++ b/PATH" headers; "" when they are equal. A missing file is diffed as empty,
/// with /dev/null in its header.
std::string unified_diff(std::string_view path, const std::string* before, const std::string* after);

}  // namespace image_agent::firstboot

#pragma once

#include <string_view>
#include <vector>

namespace image_agent {

/// The pieces of `text` between `separator`s; "a::b" gives "a", "", "b"; "" gives one "".
std::vector<std::string_view> split(std::string_view text, char separator);

/// The lines of `text` without their '\n'; a last line without one still counts, and a
/// final '\n' does not start another line ("a\nb\n" gives "a", "b").
std::vector<std::string_view> lines(std::string_view text);

/// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

}  // namespace image_agent

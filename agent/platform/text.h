#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace image_agent {

/// The pieces of `text` between `separator`s; "a::b" gives "a", "", "b"; "" gives one "".
std::vector<std::string_view> split(std::string_view text, char separator);

/// The lines of `text` without their '\n'; a last line without one still counts, and a
/// final '\n' does not start another line ("a\nb\n" gives "a", "b").
std::vector<std::string_view> lines(std::string_view text);

/// The words of `text`, split at runs of spaces and tabs: "a \t b " gives "a", "b".
std::vector<std::string_view> words(std::string_view text);

/// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

/// `text` in ASCII lower case: config keywords and values are ASCII, and the guest's
/// locale is not ours.
std::string lower(std::string_view text);

/// The parts, concatenated: concat({path, " sorts before ", other}).
std::string concat(std::initializer_list<std::string_view> parts);

/// fnmatch(3) without flags: whether `name` matches the glob `pattern` ('*', '?', and
/// '[...]' sets with ranges and '!' or '^'), as the file-name globs of sshd's `Include`
/// and ifupdown's `source` are matched.
bool glob_match(std::string_view pattern, std::string_view name);

/// The strings of `parts` (any range of strings) with `separator` between them:
/// join({"a", "b"}, ", ") is "a, b"; nothing gives "".
template <typename Range>
std::string join(const Range& parts, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& part : parts) {
    if (!first) out += separator;
    out += part;
    first = false;
  }
  return out;
}

}  // namespace image_agent

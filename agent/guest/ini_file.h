#pragma once

// The INI dialect of systemd unit/.network/.link files and NetworkManager keyfiles:
// "[Section]" headers, "Key=Value" lines, '#' and ';' comment lines. Read here once for
// every engine (precheck's networkd and NM facts, firstboot's [Match] and keyfile checks).
// Not inih: its 200-byte line limit would cut long keyfile lines, and its inline ';'
// comments would cut values (NM's dns=a;b;) that these formats keep whole.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace image_agent::guest {

struct IniEntry {
  std::string section;
  std::string key;
  std::string value;
};

/// Pure: every assignment in file order (a repeated key appears twice); spaces around
/// keys and values are dropped.
std::vector<IniEntry> parse_ini(std::string_view text);

/// The first value of `key` in `[section]`, or nullopt.
std::optional<std::string> ini_value(const std::vector<IniEntry>& entries, std::string_view section,
                                     std::string_view key);

}  // namespace image_agent::guest

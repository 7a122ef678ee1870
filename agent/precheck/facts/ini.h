#pragma once

// The INI dialect of systemd unit/.network files and NetworkManager keyfiles:
// "[Section]" headers, "Key=Value" lines, '#' and ';' comment lines.
#include <string>
#include <string_view>
#include <vector>

namespace image_agent::precheck {

struct IniEntry {
  std::string section;
  std::string key;
  std::string value;
};

/// Pure: every assignment in file order (a repeated key appears twice); spaces around
/// keys and values are dropped.
std::vector<IniEntry> parse_ini(std::string_view text);

}  // namespace image_agent::precheck

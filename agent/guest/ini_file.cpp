#include "guest/ini_file.h"

#include "platform/text.h"

namespace image_agent::guest {

std::vector<IniEntry> parse_ini(std::string_view text) {
  std::vector<IniEntry> entries;
  std::string section;
  for (std::string_view raw : lines(text)) {
    std::string_view line = trim(raw);
    if (!line.empty() && line.back() == '\r') line = trim(line.substr(0, line.size() - 1));
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      size_t close = line.find(']');
      section =
          std::string(line.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    entries.push_back(
        {section, std::string(trim(line.substr(0, eq))), std::string(trim(line.substr(eq + 1)))});
  }
  return entries;
}

std::optional<std::string> ini_value(const std::vector<IniEntry>& entries, std::string_view section,
                                     std::string_view key) {
  for (const IniEntry& entry : entries) {
    if (entry.section == section && entry.key == key) return entry.value;
  }
  return std::nullopt;
}

}  // namespace image_agent::guest

#include "guest/login_defs.h"

#include "platform/text.h"

namespace image_agent::guest {

std::map<std::string, std::string, std::less<>> parse_login_defs(std::string_view text) {
  std::map<std::string, std::string, std::less<>> values;
  for (std::string_view raw : lines(text)) {
    std::string_view line = trim(raw);
    if (!line.empty() && line.back() == '\r') line = trim(line.substr(0, line.size() - 1));
    if (line.empty() || line.front() == '#') continue;
    size_t end = line.find_first_of(" \t");
    std::string_view name = line.substr(0, end);
    std::string_view value = end == std::string_view::npos ? std::string_view() : trim(line.substr(end));
    // shadow's getdef.c strips one pair of double quotes around a value.
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    values[std::string(name)] = std::string(value);
  }
  return values;
}

}  // namespace image_agent::guest

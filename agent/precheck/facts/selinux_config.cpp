#include "precheck/facts/selinux_config.h"

#include "platform/text.h"

namespace image_agent::precheck {
namespace {

std::string_view unquote(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
    return value.substr(1, value.size() - 2);
  return value;
}

}  // namespace

SelinuxConfig parse_selinux_config(std::string_view text) {
  // libselinux reads "KEY=value" lines itself (not a shell): spaces around the value are
  // dropped, '#' starts a comment line, and the last assignment wins.
  SelinuxConfig config;
  int number = 0;
  for (std::string_view raw : lines(text)) {
    ++number;
    std::string_view line = trim(raw);
    if (!line.empty() && line.back() == '\r') line = trim(line.substr(0, line.size() - 1));
    if (line.empty() || line.front() == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(trim(line.substr(0, eq)));
    std::string_view value = unquote(trim(line.substr(eq + 1)));
    if (key == "SELINUX") {
      config.value = std::string(value);
      config.line = number;
      std::string mode = lower(value);
      config.mode = mode == "enforcing"    ? SelinuxMode::kEnforcing
                    : mode == "permissive" ? SelinuxMode::kPermissive
                    : mode == "disabled"   ? SelinuxMode::kDisabled
                                           : SelinuxMode::kUnknown;
    } else if (key == "SELINUXTYPE") {
      config.type = std::string(value);
    }
  }
  return config;
}

}  // namespace image_agent::precheck

// Kernel build configuration and the list of built-in modules: what the driver and nvme
// items need to know whether a driver is in the kernel itself.
#include "precheck/facts/kernel_config.h"

#include <array>

#include "platform/text.h"

namespace image_agent::precheck {

KernelConfig parse_kernel_config(std::string_view text) {
  KernelConfig config;
  for (std::string_view line : lines(text)) {
    line = trim(line);
    if (!line.starts_with("CONFIG_")) continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view value = line.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    config[std::string(line.substr(0, eq))] = std::string(value);
  }
  return config;
}

std::string module_name_of(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  static constexpr std::array<std::string_view, 5> kSuffixes{".ko", ".ko.xz", ".ko.zst", ".ko.gz", ".ko.bz2"};
  for (std::string_view suffix : kSuffixes) {
    if (base.size() > suffix.size() && base.ends_with(suffix)) {
      std::string name(base.substr(0, base.size() - suffix.size()));
      for (char& c : name)
        if (c == '-') c = '_';
      return name;
    }
  }
  return {};
}

std::set<std::string, std::less<>> parse_modules_builtin(std::string_view text) {
  std::set<std::string, std::less<>> names;
  for (std::string_view line : lines(text)) {
    std::string name = module_name_of(trim(line));
    if (!name.empty()) names.insert(std::move(name));
  }
  return names;
}

}  // namespace image_agent::precheck

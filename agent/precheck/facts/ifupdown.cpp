#include "precheck/facts/ifupdown.h"

#include "platform/text.h"

namespace image_agent::precheck {
namespace {

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  for (std::string_view part : split(line, ' ')) {
    for (std::string_view word : split(part, '\t')) {
      if (!word.empty()) out.push_back(word);
    }
  }
  return out;
}

}  // namespace

InterfacesFile parse_interfaces(std::string_view text, const std::string& path) {
  InterfacesFile file;
  for (std::string_view raw : lines(text)) {
    std::string_view line = trim(raw);
    if (!line.empty() && line.back() == '\r') line = trim(line.substr(0, line.size() - 1));
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> w = words(line);
    if (w[0] == "source" && w.size() > 1) {
      file.sources.emplace_back(w[1]);
    } else if (w[0] == "source-directory" && w.size() > 1) {
      file.directories.emplace_back(w[1]);
    } else if (w[0] == "iface" && w.size() >= 4) {
      std::string name(w[1]);
      NicConfig* nic = nullptr;
      for (NicConfig& existing : file.nics) {
        if (existing.name == name) nic = &existing;
      }
      if (nic == nullptr) {
        file.nics.push_back({path, name, false, false, false, false});
        nic = &file.nics.back();
      }
      const bool v6 = w[2] == "inet6";
      if (w[3] == "dhcp" || (v6 && w[3] == "auto")) (v6 ? nic->dhcp6 : nic->dhcp4) = true;
      if (w[3] == "static") (v6 ? nic->static6 : nic->static4) = true;
    }
  }
  return file;
}

}  // namespace image_agent::precheck

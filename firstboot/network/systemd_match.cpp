#include "firstboot/network/systemd_match.h"

#include <fnmatch.h>
#include <strings.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "guest/ini_file.h"

namespace image_agent::firstboot {
namespace {

std::vector<std::string> words(const std::string& value) {
  std::istringstream in(value);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// [Match] keys as systemd merges them: a key given again adds to its list, an empty
// assignment clears it.
std::map<std::string, std::vector<std::string>> match_section(std::string_view file) {
  std::map<std::string, std::vector<std::string>> keys;
  for (const guest::IniEntry& entry : guest::parse_ini(file)) {
    if (entry.section != "Match") continue;
    std::vector<std::string> values = words(entry.value);
    std::vector<std::string>& list = keys[entry.key];
    if (values.empty()) list.clear();
    list.insert(list.end(), values.begin(), values.end());
  }
  return keys;
}

bool name_matches(const std::vector<std::string>& globs, std::string_view name) {
  // A leading "!" inverts the whole list (systemd.network(5), Name=).
  bool invert = !globs.empty() && !globs[0].empty() && globs[0][0] == '!';
  bool hit = false;
  for (size_t i = 0; i < globs.size(); ++i) {
    std::string glob = i == 0 && invert ? globs[0].substr(1) : globs[i];
    if (!glob.empty() && ::fnmatch(glob.c_str(), std::string(name).c_str(), 0) == 0) hit = true;
  }
  return invert ? !hit : hit;
}

bool mac_matches(const std::vector<std::string>& macs, std::string_view mac) {
  if (mac.empty()) return true;
  for (const std::string& candidate : macs) {
    if (candidate.size() == mac.size() && ::strncasecmp(candidate.c_str(), mac.data(), mac.size()) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool systemd_match_may_select(std::string_view file, std::string_view mac, std::string_view name) {
  for (const auto& [key, values] : match_section(file)) {
    if (values.empty()) continue;
    if (key == "Name" && !name_matches(values, name)) return false;
    if ((key == "MACAddress" || key == "PermanentMACAddress") && !mac_matches(values, mac)) return false;
  }
  return true;
}

}  // namespace image_agent::firstboot

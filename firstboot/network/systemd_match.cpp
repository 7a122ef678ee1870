#include "firstboot/network/systemd_match.h"

#include <fnmatch.h>
#include <strings.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace image_agent::firstboot {
namespace {

std::string trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

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
  bool in_match = false;
  std::istringstream in{std::string(file)};
  for (std::string raw; std::getline(in, raw);) {
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      in_match = line == "[Match]";
      continue;
    }
    size_t eq = line.find('=');
    if (!in_match || eq == std::string::npos) continue;
    std::string key = trim(line.substr(0, eq));
    std::vector<std::string> values = words(line.substr(eq + 1));
    std::vector<std::string>& list = keys[key];
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

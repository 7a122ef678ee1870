#include "sysprep/account_edit.h"

#include <charconv>

namespace image_agent::sysprep {
namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

/// A comma-separated members list without the names in `drop`; sets `changed` when any went.
std::string drop_from_list(std::string_view list, const std::set<std::string, std::less<>>& drop,
                           bool* changed) {
  std::string kept;
  if (list.empty()) return kept;
  for (std::string_view member : split(list, ',')) {
    if (drop.count(member) != 0) {
      *changed = true;
      continue;
    }
    if (!kept.empty()) kept += ',';
    kept += member;
  }
  return kept;
}

}  // namespace

UidRange parse_uid_range(std::string_view login_defs) {
  UidRange range;
  for (std::string_view line : split(login_defs, '\n')) {
    size_t key_start = line.find_first_not_of(" \t");
    if (key_start == std::string_view::npos || line[key_start] == '#') continue;
    line.remove_prefix(key_start);
    size_t key_end = line.find_first_of(" \t");
    if (key_end == std::string_view::npos) continue;
    std::string_view key = line.substr(0, key_end);
    std::string_view value = line.substr(key_end);
    value.remove_prefix(std::min(value.find_first_not_of(" \t"), value.size()));
    uid_t number = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() ||
        (end != value.data() + value.size() && *end != ' ' && *end != '\t' && *end != '\r')) {
      continue;
    }
    if (key == "UID_MIN") range.min = number;
    if (key == "UID_MAX") range.max = number;
  }
  return range;
}

std::string edit_account_file(std::string_view content, const std::set<std::string, std::less<>>& drop_lines,
                              const std::set<std::string, std::less<>>& drop_members,
                              const std::vector<int>& member_fields, bool* changed) {
  *changed = false;
  std::string result;
  result.reserve(content.size());
  while (!content.empty()) {
    size_t end = content.find('\n');
    size_t next = end == std::string_view::npos ? content.size() : end + 1;
    std::string_view whole = content.substr(0, next);
    std::string_view line = content.substr(0, end == std::string_view::npos ? content.size() : end);
    content.remove_prefix(next);

    std::vector<std::string_view> fields = split(line, ':');
    if (drop_lines.count(fields[0]) != 0) {
      *changed = true;
      continue;
    }
    bool line_changed = false;
    std::vector<std::string> edited(fields.begin(), fields.end());
    for (int field : member_fields) {
      const auto index = static_cast<size_t>(field);
      if (index < fields.size()) edited[index] = drop_from_list(fields[index], drop_members, &line_changed);
    }
    if (!line_changed) {
      result += whole;
      continue;
    }
    *changed = true;
    for (size_t i = 0; i < edited.size(); ++i) result += (i == 0 ? "" : ":") + edited[i];
    result += whole.substr(line.size());  // the line ending as it was
  }
  return result;
}

}  // namespace image_agent::sysprep

#include "sysprep/account_edit.h"

#include <charconv>

#include "guest/login_defs.h"

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
  for (const auto& [key, text] : guest::parse_login_defs(login_defs)) {
    if (key != "UID_MIN" && key != "UID_MAX") continue;
    std::string_view value = text;
    uid_t number = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || (end != value.data() + value.size() && *end != ' ' && *end != '\t')) continue;
    (key == "UID_MIN" ? range.min : range.max) = number;
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

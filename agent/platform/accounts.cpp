#include "platform/accounts.h"

#include "platform/text.h"

#include <charconv>
#include <functional>

namespace image_agent {
namespace {

bool parse_id(std::string_view text, unsigned int* id) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *id);
  return ec == std::errc() && end == text.data() + text.size();
}

/// Splits `text` into lines of `fields` colon-separated fields and hands each to `take`,
/// which returns an empty string or why the line is bad.
template <typename Entry>
AccountFile<Entry> parse_lines(std::string_view text, size_t fields,
                               const std::function<std::string(std::vector<std::string>&, Entry&)>& take) {
  AccountFile<Entry> file;
  int number = 0;
  for (std::string_view line : lines(text)) {
    ++number;
    if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-') continue;
    std::vector<std::string_view> views = split(line, ':');
    std::vector<std::string> parts(views.begin(), views.end());
    if (parts.size() != fields) {
      file.bad_lines.push_back(
          {number, "expected " + std::to_string(fields) + " fields, found " + std::to_string(parts.size())});
      continue;
    }
    if (parts[0].empty()) {
      file.bad_lines.push_back({number, "empty name"});
      continue;
    }
    Entry entry;
    entry.line = number;
    if (std::string reason = take(parts, entry); !reason.empty()) {
      file.bad_lines.push_back({number, reason});
      continue;
    }
    file.entries.push_back(std::move(entry));
  }
  return file;
}

template <typename Entry>
Result<AccountFile<Entry>> read_account_file(const RootFs& fs, std::string_view path,
                                             AccountFile<Entry> (*parse)(std::string_view)) {
  Result<std::string> text = fs.read_file(path);
  if (!text) return text.error();
  return parse(*text);
}

}  // namespace

AccountFile<PasswdEntry> parse_passwd(std::string_view text) {
  return parse_lines<PasswdEntry>(text, 7, [](std::vector<std::string>& p, PasswdEntry& e) -> std::string {
    if (!parse_id(p[2], &e.uid)) return "bad uid '" + p[2] + "'";
    if (!parse_id(p[3], &e.gid)) return "bad gid '" + p[3] + "'";
    e.name = std::move(p[0]);
    e.password = std::move(p[1]);
    e.gecos = std::move(p[4]);
    e.home = std::move(p[5]);
    e.shell = std::move(p[6]);
    return {};
  });
}

AccountFile<GroupEntry> parse_group(std::string_view text) {
  return parse_lines<GroupEntry>(text, 4, [](std::vector<std::string>& p, GroupEntry& e) -> std::string {
    if (!parse_id(p[2], &e.gid)) return "bad gid '" + p[2] + "'";
    e.name = std::move(p[0]);
    e.password = std::move(p[1]);
    if (!p[3].empty()) {
      for (std::string_view member : split(p[3], ',')) e.members.emplace_back(member);
    }
    return {};
  });
}

AccountFile<ShadowEntry> parse_shadow(std::string_view text) {
  return parse_lines<ShadowEntry>(text, 9, [](std::vector<std::string>& p, ShadowEntry& e) -> std::string {
    e.name = std::move(p[0]);
    e.hash = std::move(p[1]);
    e.last_change = std::move(p[2]);
    e.min_age = std::move(p[3]);
    e.max_age = std::move(p[4]);
    e.warn_period = std::move(p[5]);
    e.inactive_period = std::move(p[6]);
    e.expire_date = std::move(p[7]);
    e.reserved = std::move(p[8]);
    return {};
  });
}

Result<AccountFile<PasswdEntry>> read_passwd(const RootFs& fs) {
  return read_account_file(fs, "/etc/passwd", &parse_passwd);
}
Result<AccountFile<GroupEntry>> read_group(const RootFs& fs) {
  return read_account_file(fs, "/etc/group", &parse_group);
}
Result<AccountFile<ShadowEntry>> read_shadow(const RootFs& fs) {
  return read_account_file(fs, "/etc/shadow", &parse_shadow);
}

}  // namespace image_agent

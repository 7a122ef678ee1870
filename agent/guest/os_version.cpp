#include "guest/os_version.h"

#include <sys/stat.h>

#include <vector>

#include "platform/os_release.h"
#include "platform/text.h"

namespace image_agent::guest {
namespace {

// ASCII only: std::isdigit would follow our locale, not the guest's.
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// "7.4.1708", "39": digits and dots, starting and ending with a digit.
bool is_version(std::string_view word) {
  if (word.empty() || !is_digit(word.front()) || !is_digit(word.back())) return false;
  for (char c : word)
    if (!is_digit(c) && c != '.') return false;
  return true;
}

std::string unquote(std::string_view value) {
  value = trim(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
    value = value.substr(1, value.size() - 2);
  return std::string(value);
}

std::string component(std::string_view version, size_t index) {
  std::vector<std::string_view> parts = split(version, '.');
  return index < parts.size() ? std::string(parts[index]) : std::string();
}

}  // namespace

std::string parse_release_file_version(std::string_view text) {
  std::string distrib_release;
  std::string suse_version;
  std::string suse_patchlevel;
  for (std::string_view line : lines(text)) {
    const size_t equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    const std::string_view key = trim(line.substr(0, equals));
    const std::string value = unquote(line.substr(equals + 1));
    if (key == "DISTRIB_RELEASE") distrib_release = value;
    if (key == "VERSION") suse_version = value;
    if (key == "PATCHLEVEL") suse_patchlevel = value;
  }
  if (is_version(distrib_release)) return distrib_release;
  if (is_version(suse_version)) {
    return is_version(suse_patchlevel) ? suse_version + "." + suse_patchlevel : suse_version;
  }
  const std::vector<std::string_view> all = lines(text);
  if (all.empty()) return {};
  for (std::string_view word : words(all.front()))
    if (is_version(word)) return std::string(word);
  return {};
}

std::string major_version(std::string_view version) {
  return component(version, 0);
}

std::string minor_version(std::string_view version) {
  return component(version, 1);
}

OsVersion read_os_version(const RootFs& fs) {
  OsVersion found;
  if (Result<OsRelease> os = read_os_release(fs); os && !os->version_id.empty()) {
    found.full = os->version_id;
    found.source = fs.stat("/etc/os-release") ? "/etc/os-release" : "/usr/lib/os-release";
  }
  Result<std::vector<DirEntry>> etc = fs.list("/etc");
  if (!etc) return found;
  for (const DirEntry& entry : *etc) {
    if (!entry.name.ends_with("-release") || entry.name == "os-release") continue;
    const std::string path = "/etc/" + entry.name;
    Result<struct stat> st = fs.stat(path);
    if (!st || !S_ISREG(st->st_mode)) continue;
    Result<std::string> text = fs.read_file(path);
    if (!text) continue;
    const std::string version = parse_release_file_version(*text);
    // Only a refinement of VERSION_ID counts: a leftover file of another release (or
    // another distribution) must not override what os-release says.
    if (!version.empty() && (found.full.empty() || version.starts_with(found.full + "."))) {
      found.full = version;
      found.source = path;
      return found;
    }
  }
  return found;
}

}  // namespace image_agent::guest

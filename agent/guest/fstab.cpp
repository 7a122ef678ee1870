// The guest's /etc/fstab (fstab(5)) and the kinds of sources it names.
#include "guest/fstab.h"

#include <algorithm>
#include <array>

#include "platform/text.h"

namespace image_agent::guest {
namespace {

std::string unescape(std::string_view field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size() && field[i + 1] >= '0' && field[i + 1] <= '3') {
      out += static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0'));
      i += 3;
    } else {
      out += field[i];
    }
  }
  return out;
}

std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

}  // namespace

bool FstabEntry::has_option(std::string_view option) const {
  for (const std::string& o : options)
    if (o == option) return true;
  return false;
}

bool FstabEntry::on_block_device() const {
  if (has_option("bind") || has_option("rbind")) return false;
  static constexpr std::array<std::string_view, 6> kTagged{
      "UUID=", "LABEL=", "PARTUUID=", "PARTLABEL=", "ID=", "/dev/"};
  for (std::string_view prefix : kTagged)
    if (source.starts_with(prefix)) return true;
  return false;
}

std::vector<FstabEntry> parse_fstab(std::string_view text) {
  std::vector<FstabEntry> entries;
  int number = 0;
  for (std::string_view line : lines(text)) {
    ++number;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields = fields_of(line);
    if (fields.size() < 3) continue;
    FstabEntry entry;
    entry.source = unescape(fields[0]);
    entry.mount_point = unescape(fields[1]);
    entry.type = fields[2];
    for (std::string_view option : split(fields.size() > 3 ? fields[3] : "defaults", ','))
      if (!option.empty()) entry.options.emplace_back(option);
    entry.line = number;
    entries.push_back(std::move(entry));
  }
  return entries;
}

Result<std::vector<FstabEntry>> read_fstab(const RootFs& fs) {
  Result<std::string> text = fs.read_file("/etc/fstab");
  if (!text) return text.error();
  return parse_fstab(*text);
}

std::string_view bare_device_disk(std::string_view source) {
  if (!source.starts_with("/dev/")) return {};
  std::string_view name = source.substr(5);
  auto letters = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  };
  auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  // sdX[N], hdX[N], vdX[N], xvdX[N]
  for (std::string_view prefix : {"sd", "hd", "vd", "xvd"}) {
    if (!name.starts_with(prefix)) continue;
    std::string_view rest = name.substr(prefix.size());
    size_t end = rest.find_first_of("0123456789");
    if (end == std::string_view::npos) end = rest.size();
    if (!letters(rest.substr(0, end)) || !digits(rest.substr(end))) return {};
    return name.substr(0, prefix.size() + end);
  }
  // nvmeNnM[pK]
  if (!name.starts_with("nvme")) return {};
  std::string_view rest = name.substr(4);
  size_t n = rest.find('n');
  if (n == 0 || n == std::string_view::npos || !digits(rest.substr(0, n))) return {};
  rest = rest.substr(n + 1);
  size_t p = rest.find('p');
  std::string_view ns = rest.substr(0, p);
  if (ns.empty() || !digits(ns) ||
      (p != std::string_view::npos && (p + 1 == rest.size() || !digits(rest.substr(p + 1)))))
    return {};
  return name.substr(0, 4 + n + 1 + ns.size());
}

bool is_bare_device_name(std::string_view source) {
  return !bare_device_disk(source).empty();
}

bool is_first_disk(std::string_view disk) {
  return disk == "sda" || disk == "hda" || disk == "vda" || disk == "xvda" || disk == "nvme0n1";
}

}  // namespace image_agent::guest

// The guest's /etc/fstab (fstab(5)) and the kinds of sources it names.
#include "precheck/facts/fstab.h"

#include <array>
#include <regex>

#include "platform/text.h"

namespace image_agent::precheck {
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

const std::vector<FstabEntry>& guest_fstab(const Context& context) {
  return context.fact<std::vector<FstabEntry>>("fstab", [&] {
    Result<std::string> text = context.fs().read_file("/etc/fstab");
    return text ? parse_fstab(*text) : std::vector<FstabEntry>{};
  });
}

bool is_bare_device_name(std::string_view source) {
  static const std::regex kBare(R"(/dev/((s|h|v|xv)d[a-z]+[0-9]*|nvme[0-9]+n[0-9]+(p[0-9]+)?))");
  return std::regex_match(source.begin(), source.end(), kBare);
}

}  // namespace image_agent::precheck

// GRUB 2 configuration (grub.cfg menu entries, grubenv), Boot Loader Specification
// entries and GRUB legacy menus: which kernel the guest boots by default, with which
// command line.
#include "guest/grub.h"

#include <string.h>

#include <algorithm>
#include <array>

#include "platform/text.h"

namespace image_agent::guest {
namespace {

/// Shell-like words of a grub.cfg line, quotes removed.
std::vector<std::string> words_of(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : line) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::string join(const std::vector<std::string>& words, size_t from) {
  std::string out;
  for (size_t i = from; i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

bool starts_block(const std::vector<std::string>& words) {
  return !words.empty() && words.back() == "{";
}

/// "/vmlinuz-V" for "(hd0,0)/vmlinuz-V": GRUB legacy may name the device before a path;
/// the path is then relative to that device's file system, as without one.
std::string without_device(std::string_view path) {
  if (path.starts_with('(')) {
    size_t close = path.find(')');
    path = close == std::string_view::npos ? std::string_view() : path.substr(close + 1);
  }
  return std::string(path);
}

}  // namespace

GrubConfig parse_grub_cfg(std::string_view text) {
  GrubConfig config;
  std::vector<std::string> stack;  // "menuentry", "submenu" or "other" per open brace
  std::optional<BootEntry> entry;
  std::string submenu;
  int top = 0;
  int sub = 0;
  for (std::string_view raw : lines(text)) {
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> words = words_of(line);
    const std::string& verb = words.front();
    if (verb == "menuentry" || verb == "submenu") {
      if (verb == "submenu") {
        submenu = words.size() > 1 ? words[1] : "";
        sub = 0;
        stack.emplace_back("submenu");
        continue;
      }
      entry = BootEntry{};
      entry->title = words.size() > 1 ? words[1] : "";
      for (size_t i = 2; i + 1 < words.size(); ++i)
        if (words[i] == "$menuentry_id_option" || words[i] == "--id") entry->id = words[i + 1];
      entry->submenu = submenu;
      entry->top_index = top;
      entry->sub_index = sub;
      stack.emplace_back("menuentry");
      continue;
    }
    if (verb == "}") {
      if (stack.empty()) continue;
      std::string kind = stack.back();
      stack.pop_back();
      if (kind == "menuentry" && entry) {
        config.entries.push_back(std::move(*entry));
        entry.reset();
        if (submenu.empty()) {
          ++top;
        } else {
          ++sub;
        }
      } else if (kind == "submenu") {
        submenu.clear();
        ++top;
      }
      continue;
    }
    if (starts_block(words)) stack.emplace_back("other");
    if (entry && words.size() >= 2 && (verb == "linux" || verb == "linux16" || verb == "linuxefi")) {
      entry->kernel = words[1];
      entry->args = join(words, 2);
    } else if (entry && (verb == "initrd" || verb == "initrd16" || verb == "initrdefi")) {
      entry->initrds.assign(words.begin() + 1, words.end());
    } else if (verb == "blscfg") {
      config.blscfg = true;
    } else if (verb == "set" && words.size() >= 2 && words[1].starts_with("default=")) {
      std::string value = words[1].substr(8);
      if (value.find("next_entry") == std::string::npos) config.default_entry = value;
    }
  }
  return config;
}

BootEntry parse_bls_entry(std::string_view text, std::string id) {
  BootEntry entry;
  entry.id = std::move(id);
  for (std::string_view raw : lines(text)) {
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    size_t space = line.find_first_of(" \t");
    std::string_view key = line.substr(0, space);
    std::string value(space == std::string_view::npos ? "" : trim(line.substr(space)));
    if (key == "title") entry.title = value;
    if (key == "linux") entry.kernel = value;
    if (key == "initrd") entry.initrds.push_back(value);
    if (key == "options") entry.args += (entry.args.empty() ? "" : " ") + value;
  }
  if (entry.title.empty()) entry.title = entry.id;
  return entry;
}

GrubLegacyConfig parse_grub_legacy(std::string_view text) {
  GrubLegacyConfig config;
  std::optional<BootEntry> entry;
  auto finish = [&] {
    if (entry) config.entries.push_back(std::move(*entry));
    entry.reset();
  };
  for (std::string_view raw : lines(text)) {
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    // A command ends at a blank or '=' ("default=0", "timeout 5"); its arguments follow.
    size_t end = line.find_first_of(" \t=");
    std::string_view verb = line.substr(0, end);
    std::string_view rest = end == std::string_view::npos ? std::string_view() : trim(line.substr(end));
    if (rest.starts_with('=')) rest = trim(rest.substr(1));
    std::vector<std::string_view> args = words(rest);
    if (verb == "title") {
      finish();
      entry = BootEntry{};
      entry->title = std::string(rest);
      entry->top_index = static_cast<int>(config.entries.size());
    } else if (verb == "default" && !entry) {
      config.default_entry = args.empty() ? "" : std::string(args.front());
    } else if (entry && verb == "kernel") {
      size_t path = 0;
      while (path < args.size() && args[path].starts_with("--")) ++path;  // --type=..., --no-mem-option
      if (path == args.size()) continue;
      entry->kernel = without_device(args[path]);
      for (size_t i = path + 1; i < args.size(); ++i)
        entry->args += (entry->args.empty() ? "" : " ") + std::string(args[i]);
    } else if (entry && verb == "initrd" && !args.empty()) {
      entry->initrds = {without_device(args.front())};
    }
  }
  finish();
  return config;
}

std::string grub_legacy_saved_entry(std::string_view text) {
  const std::vector<std::string_view> all = lines(text);
  std::string_view first = all.empty() ? std::string_view() : trim(all.front());
  if (first.empty() || !std::all_of(first.begin(), first.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return "0";
  return std::string(first);
}

std::optional<std::string> grubenv_value(std::string_view text, std::string_view key) {
  for (std::string_view line : lines(text)) {
    if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == '=')
      return std::string(line.substr(key.size() + 1));
  }
  return std::nullopt;
}

std::optional<BootEntry> select_entry(const std::vector<BootEntry>& entries, std::string_view default_entry) {
  if (entries.empty()) return std::nullopt;
  if (default_entry.empty()) default_entry = "0";
  std::vector<std::string_view> parts = split(default_entry, '>');
  auto number = [](std::string_view s) -> std::optional<int> {
    if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    return std::stoi(std::string(s));
  };
  for (const BootEntry& e : entries) {
    std::optional<int> first = number(parts[0]);
    if (parts.size() == 1) {
      if (first ? (e.submenu.empty() && e.top_index == *first) : (e.title == parts[0] || e.id == parts[0]))
        return e;
    } else if (parts.size() == 2 && !e.submenu.empty()) {
      std::optional<int> second = number(parts[1]);
      bool menu_matches = first ? e.top_index == *first : e.submenu == parts[0];
      bool entry_matches = second ? e.sub_index == *second : (e.title == parts[1] || e.id == parts[1]);
      if (menu_matches && entry_matches) return e;
    }
  }
  // A submenu as the default boots its first entry.
  std::optional<int> first = number(parts[0]);
  for (const BootEntry& e : entries)
    if (parts.size() == 1 && first && e.top_index == *first && e.sub_index == 0) return e;
  return std::nullopt;
}

std::string kernel_version_of(std::string_view image_path) {
  size_t slash = image_path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? image_path : image_path.substr(slash + 1);
  static constexpr std::array<std::string_view, 3> kPrefixes{"vmlinuz-", "vmlinux-", "kernel-"};
  for (std::string_view prefix : kPrefixes)
    if (base.starts_with(prefix) && base.size() > prefix.size())
      return std::string(base.substr(prefix.size()));
  return {};
}

namespace {

/// GRUB legacy's menu, for guests without grub.cfg. Red Hat's GRUB reads grub.conf
/// (menu.lst and /etc/grub.conf are links to it); upstream's and SUSE's read menu.lst.
BootConfig read_grub_legacy(const RootFs& fs) {
  BootConfig boot;
  std::vector<std::string> candidates{"/boot/grub/grub.conf", "/boot/grub/menu.lst"};
  if (Result<std::vector<DirEntry>> efi = fs.list("/boot/efi/EFI"))
    for (const DirEntry& vendor : *efi) candidates.push_back("/boot/efi/EFI/" + vendor.name + "/grub.conf");
  GrubLegacyConfig menu;
  for (const std::string& path : candidates) {
    Result<std::string> text = fs.read_file(path);
    if (!text) continue;
    GrubLegacyConfig parsed = parse_grub_legacy(*text);
    // The first menu found names the configuration unless a later one has entries.
    if (boot.config_path.empty() || !parsed.entries.empty()) {
      boot.config_path = path;
      boot.legacy = true;
      menu = std::move(parsed);
    }
    if (!menu.entries.empty()) break;
  }
  if (boot.config_path.empty()) return boot;
  std::string default_entry = menu.default_entry;
  if (default_entry == "saved") {
    Result<std::string> saved =
        fs.read_file(boot.config_path.substr(0, boot.config_path.rfind('/')) + "/default");
    default_entry = grub_legacy_saved_entry(saved ? *saved : std::string());
  }
  boot.entries = std::move(menu.entries);
  boot.chosen = select_entry(boot.entries, default_entry);
  return boot;
}

}  // namespace

BootConfig read_boot_config(const RootFs& fs) {
  BootConfig boot;
  std::vector<std::string> candidates{"/boot/grub/grub.cfg", "/boot/grub2/grub.cfg"};
  if (Result<std::vector<DirEntry>> efi = fs.list("/boot/efi/EFI"))
    for (const DirEntry& vendor : *efi) candidates.push_back("/boot/efi/EFI/" + vendor.name + "/grub.cfg");
  GrubConfig grub;
  for (const std::string& path : candidates) {
    Result<std::string> text = fs.read_file(path);
    if (!text) continue;
    grub = parse_grub_cfg(*text);
    // A UEFI stub that only loads the real configfile has no entries: keep looking.
    if (grub.entries.empty() && !grub.blscfg && boot.config_path.empty()) {
      boot.config_path = path;
      continue;
    }
    boot.config_path = path;
    break;
  }
  if (boot.config_path.empty()) return read_grub_legacy(fs);
  boot.entries = grub.entries;
  std::string env_dir =
      boot.config_path.empty() ? "/boot/grub" : boot.config_path.substr(0, boot.config_path.rfind('/'));
  Result<std::string> env = fs.read_file(env_dir + "/grubenv");
  std::string env_text = env ? *env : std::string();
  std::string default_entry = grub.default_entry;
  if (default_entry == "saved" || default_entry.find("saved_entry") != std::string::npos)
    default_entry = grubenv_value(env_text, "saved_entry").value_or("0");
  if (grub.blscfg) {
    std::vector<BootEntry> bls;
    if (Result<std::vector<DirEntry>> files = fs.list("/boot/loader/entries")) {
      for (const DirEntry& file : *files) {
        if (!file.name.ends_with(".conf")) continue;
        Result<std::string> text = fs.read_file("/boot/loader/entries/" + file.name);
        if (!text) continue;
        BootEntry entry = parse_bls_entry(*text, file.name.substr(0, file.name.size() - 5));
        // $kernelopts and friends come from grubenv (RHEL 8).
        if (entry.args.starts_with("$kernelopts"))
          entry.args = grubenv_value(env_text, "kernelopts").value_or("") + entry.args.substr(11);
        bls.push_back(std::move(entry));
      }
    }
    // GRUB's blscfg lists the newest version first.
    std::sort(bls.begin(), bls.end(), [](const BootEntry& a, const BootEntry& b) {
      return ::strverscmp(a.id.c_str(), b.id.c_str()) > 0;
    });
    int index = static_cast<int>(boot.entries.size());
    for (BootEntry& entry : bls) entry.top_index = index++;
    boot.entries.insert(boot.entries.end(), bls.begin(), bls.end());
  }
  boot.chosen = select_entry(boot.entries, default_entry);
  return boot;
}

}  // namespace image_agent::guest

#include "guest/ifupdown.h"

#include <algorithm>
#include <cerrno>
#include <set>

#include "platform/text.h"

namespace image_agent::guest {
namespace {

constexpr int kMaxSourceDepth = 8;

// The names `source-directory` includes (run-parts' rule).
bool run_parts_name(std::string_view name) {
  return !name.empty() &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
             std::string_view::npos;
}

struct Loader {
  const RootFs& fs;
  InterfacesFiles out;
  std::set<std::string> seen;

  void load(const std::string& path, std::string text, int depth) {
    InterfacesFile file = parse_interfaces(text, path);
    file.text = std::move(text);
    std::vector<std::string> sources = file.sources;
    std::vector<std::string> directories = file.directories;
    out.files.push_back(std::move(file));
    if (depth >= kMaxSourceDepth) return;
    for (const std::string& source : sources) {
      const std::string target = interfaces_absolute(source);
      const size_t slash = target.rfind('/');
      const std::string pattern = target.substr(slash + 1);
      auto matches = [&](std::string_view name) { return glob_match(pattern, name); };
      include(load_directory(fs, target.substr(0, slash), matches), depth);
    }
    for (const std::string& directory : directories) {
      include(load_directory(fs, interfaces_absolute(directory), run_parts_name), depth);
    }
  }

  void include(ConfigFiles found, int depth) {
    for (Error& error : found.unreadable) out.unreadable.push_back(std::move(error));
    for (ConfigFile& file : found.files) {
      if (seen.insert(file.path).second) load(file.path, std::move(file.text), depth + 1);
    }
  }
};

}  // namespace

bool stanza_keyword(std::string_view word) {
  return word == "iface" || word == "auto" || word == "mapping" || word == "source" ||
         word == "source-directory" || word == "rename" || word.starts_with("allow-");
}

bool IfaceStanza::plain_dhcp() const {
  const bool addressing = method == "dhcp" || method == "manual" || (family == "inet6" && method == "auto");
  if (!addressing) return false;
  for (const std::string& option : options) {
    // Client options of DHCP (hostname, metric, hwaddress) keep it a stock stanza.
    if (option != "hostname" && option != "metric" && option != "hwaddress" && option != "client" &&
        option != "leasetime" && option != "vendor" && option != "accept_ra" && option != "autoconf" &&
        !option.starts_with("dns-") && !option.starts_with("#")) {
      return false;
    }
  }
  return true;
}

InterfacesFile parse_interfaces(std::string_view text, const std::string& path) {
  InterfacesFile file;
  file.path = path;
  bool in_stanza = false;
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
      file.stanzas.push_back({std::string(w[1]), std::string(w[2]), std::string(w[3]), {}});
      in_stanza = true;
    } else if (stanza_keyword(w[0])) {
      in_stanza = false;
    } else if (in_stanza) {
      file.stanzas.back().options.emplace_back(w[0]);
    }
  }
  return file;
}

std::string without_interface(std::string_view text, std::string_view name) {
  std::string out;
  bool dropping = false;  // inside one of `name`'s stanzas
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view line = text.substr(start, end - start);
    start = end;
    std::vector<std::string_view> w = words(trim(line.substr(0, line.find_last_not_of("\r\n") + 1)));
    if (w.empty() || w[0].starts_with("#")) {
      if (!dropping) out += line;
      continue;
    }
    if (stanza_keyword(w[0])) dropping = w[0] == "iface" && w.size() > 1 && w[1] == name;
    if (dropping) continue;
    if ((w[0] == "auto" || w[0].starts_with("allow-")) &&
        std::find(w.begin() + 1, w.end(), name) != w.end()) {
      std::string kept(w[0]);
      for (size_t i = 1; i < w.size(); ++i) {
        if (w[i] != name) kept += " " + std::string(w[i]);
      }
      if (kept != w[0]) out += kept + "\n";
      continue;
    }
    out += line;
  }
  return out;
}

std::string interfaces_absolute(const std::string& argument) {
  return argument.starts_with("/") ? argument : "/etc/network/" + argument;
}

InterfacesFiles load_interfaces(const RootFs& fs) {
  Loader loader{fs, {}, {kInterfacesPath}};
  Result<std::optional<std::string>> text = read_if_exists(fs, kInterfacesPath);
  if (!text) {
    loader.out.unreadable.push_back(text.error());
  } else if (*text) {
    loader.load(kInterfacesPath, std::move(**text), 0);
  }
  return std::move(loader.out);
}

}  // namespace image_agent::guest

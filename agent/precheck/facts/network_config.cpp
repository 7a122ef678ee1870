#include "precheck/facts/network_config.h"

#include <map>

#include "platform/text.h"
#include "precheck/facts/ifcfg.h"
#include "precheck/facts/ifupdown.h"
#include "precheck/facts/netplan.h"
#include "precheck/facts/networkd.h"
#include "precheck/facts/nm_keyfile.h"

namespace image_agent::precheck {
namespace {

struct Reader {
  const RootFs& fs;
  NetworkConfig config;

  /// (path, content) of the regular files in `dir` accepted by `wanted`, sorted.
  template <typename Wanted>
  std::vector<std::pair<std::string, std::string>> files(const std::string& dir, Wanted wanted) {
    std::vector<std::pair<std::string, std::string>> out;
    Result<std::vector<DirEntry>> entries = fs.list(dir);
    if (!entries) {
      if (entries.error().code != ENOENT && entries.error().code != ENOTDIR) config.unreadable.push_back(dir);
      return out;
    }
    for (const DirEntry& entry : *entries) {
      if (entry.type == S_IFDIR || !wanted(entry.name)) continue;
      std::string path = dir + "/" + entry.name;
      Result<std::string> text = fs.read_file(path);
      if (text) {
        out.emplace_back(path, std::move(*text));
      } else if (text.error().code != ENOENT) {
        config.unreadable.push_back(path);
      }
    }
    return out;
  }

  void add(NicConfig nic) {
    if (!is_loopback(nic.name)) config.nics.push_back(std::move(nic));
  }

  void ifcfg(const std::string& dir) {
    auto wanted = [](const std::string& name) {
      // initscripts and wicked skip backups and package leftovers.
      for (const char* suffix : {"~", ".bak", ".orig", ".rpmnew", ".rpmorig", ".rpmsave", ".old"}) {
        if (name.ends_with(suffix)) return false;
      }
      return name.starts_with("ifcfg-");
    };
    for (auto& [path, text] : files(dir, wanted)) add(parse_ifcfg(text, path));
  }

  void interfaces(const std::string& path, int depth) {
    Result<std::string> text = fs.read_file(path);
    if (!text) {
      if (text.error().code != ENOENT) config.unreadable.push_back(path);
      return;
    }
    InterfacesFile file = parse_interfaces(*text, path);
    for (NicConfig& nic : file.nics) add(std::move(nic));
    if (depth > 8) return;
    // Relative arguments are relative to /etc/network, as ifupdown reads them.
    auto absolute = [](const std::string& arg) { return arg.starts_with("/") ? arg : "/etc/network/" + arg; };
    for (const std::string& relative : file.sources) {
      const std::string source = absolute(relative);
      size_t slash = source.rfind('/');
      if (slash == std::string::npos) continue;
      std::string dir = source.substr(0, slash);
      std::string pattern = source.substr(slash + 1);
      for (auto& entry : files(dir, [&](const std::string& name) { return glob_match(pattern, name); }))
        interfaces(entry.first, depth + 1);
    }
    for (const std::string& dir : file.directories) {
      // run-parts names: letters, digits, '_' and '-'.
      auto wanted = [](const std::string& name) {
        return name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
               std::string::npos;
      };
      for (auto& entry : files(absolute(dir), wanted)) interfaces(entry.first, depth + 1);
    }
  }

  void netplan() {
    // A file in /etc hides one of the same name in /run and /lib; then all by file name.
    std::map<std::string, std::pair<std::string, std::string>> by_name;
    for (const char* dir : {"/lib/netplan", "/run/netplan", "/etc/netplan"}) {
      for (auto& entry : files(dir, [](const std::string& name) { return name.ends_with(".yaml"); })) {
        std::string name = entry.first.substr(entry.first.rfind('/') + 1);
        by_name[name] = std::move(entry);
      }
    }
    std::vector<std::pair<std::string, std::string>> ordered;
    ordered.reserve(by_name.size());
    for (auto& [name, entry] : by_name) ordered.push_back(std::move(entry));
    Result<NicConfigs> nics = parse_netplan(ordered);
    if (!nics) {
      config.errors.push_back(nics.error().message);
      return;
    }
    for (NicConfig& nic : *nics) add(std::move(nic));
  }
};

}  // namespace

NetworkConfig read_network_config(const RootFs& fs) {
  Reader reader{fs, {}};
  reader.ifcfg("/etc/sysconfig/network-scripts");
  reader.ifcfg("/etc/sysconfig/network");
  reader.interfaces("/etc/network/interfaces", 0);
  reader.netplan();
  for (const char* dir : {"/etc/systemd/network", "/run/systemd/network"}) {
    for (auto& [path, text] : reader.files(dir, [](const std::string& n) { return n.ends_with(".network"); }))
      reader.add(parse_networkd(text, path));
  }
  for (const char* dir :
       {"/etc/NetworkManager/system-connections", "/run/NetworkManager/system-connections"}) {
    for (auto& [path, text] : reader.files(dir, [](const std::string&) { return true; })) {
      if (std::optional<NicConfig> nic = parse_nm_keyfile(text, path)) reader.add(std::move(*nic));
    }
  }
  return std::move(reader.config);
}

const NetworkConfig& network_config(const Context& context) {
  return context.fact<NetworkConfig>("system.network_config",
                                     [&] { return read_network_config(context.fs()); });
}

}  // namespace image_agent::precheck

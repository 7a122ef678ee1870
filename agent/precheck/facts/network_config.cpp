#include "precheck/facts/network_config.h"

#include <set>

#include "firstboot/network/owned_files.h"
#include "guest/own_files.h"

namespace image_agent::precheck {
namespace {

struct Collector {
  NetworkConfig config;
  std::set<std::string, std::less<>> owned;  ///< paths of firstboot's own files

  void note(const std::string& path, std::string_view text) {
    if (firstboot::is_owned(text)) owned.insert(path);
  }
  void add(NicConfig nic) {
    if (is_loopback(nic.name)) return;
    nic.owned = owned.contains(nic.source);
    config.nics.push_back(std::move(nic));
  }
  void add(const NicConfigs& nics) {
    for (const NicConfig& nic : nics) add(nic);
  }
  void unreadable(const std::vector<Error>& errors) {
    for (const Error& error : errors) config.unreadable.push_back(error.message);
  }
  /// The files of `found`, errors noted. By value: a range-for over a temporary's
  /// member would outlive the temporary.
  std::vector<guest::ConfigFile> files(guest::ConfigFiles found) {
    unreadable(found.unreadable);
    for (const guest::ConfigFile& file : found.files) note(file.path, file.text);
    return std::move(found.files);
  }
};

void read_netplan(const RootFs& fs, Collector& collector) {
  std::vector<std::vector<guest::NetplanEthernet>> parsed;
  for (const guest::ConfigFile& file : collector.files(guest::load_netplan_files(fs))) {
    Result<std::vector<guest::NetplanEthernet>> ethernets = guest::parse_netplan_file(file.text, file.path);
    if (!ethernets) {
      // netplan refuses the whole configuration when one file is broken.
      collector.config.errors.push_back(ethernets.error().message);
      return;
    }
    parsed.push_back(std::move(*ethernets));
  }
  collector.add(nic_configs(guest::merge_netplan(parsed)));
}

/// The files under `dir` (a directory below guest::kDisplacedDir), by their original
/// paths. The directory is root's only: without root nothing is found.
void list_displaced(const RootFs& fs, const std::string& dir, std::vector<std::string>& out) {
  Result<std::vector<DirEntry>> entries = fs.list(dir);
  if (!entries) return;
  for (const DirEntry& entry : *entries) {
    const std::string path = dir + "/" + entry.name;
    if (entry.type == S_IFDIR) list_displaced(fs, path, out);
    if (entry.type == S_IFREG) out.push_back(path.substr(std::string_view(guest::kDisplacedDir).size()));
  }
}

}  // namespace

NetworkConfig read_network_config(const RootFs& fs) {
  Collector collector;
  for (const char* dir : {guest::kRhelIfcfgDir, guest::kSuseIfcfgDir}) {
    for (const guest::ConfigFile& file : collector.files(guest::load_ifcfg_files(fs, dir)))
      collector.add(nic_config(guest::parse_ifcfg(file.text, file.path)));
  }
  guest::InterfacesFiles interfaces = guest::load_interfaces(fs);
  collector.unreadable(interfaces.unreadable);
  for (const guest::InterfacesFile& file : interfaces.files) {
    collector.note(file.path, file.text);
    collector.add(nic_configs(file));
  }
  read_netplan(fs, collector);
  for (const guest::ConfigFile& file : collector.files(guest::load_network_units(fs, ".network"))) {
    // The distribution's own .network files (systemd's 80-container-*.network) configure
    // containers' links, not the machine's NICs.
    if (!file.vendor) collector.add(nic_config(guest::parse_network_unit(file.text), file.path));
  }
  for (const guest::ConfigFile& file : collector.files(guest::load_nm_keyfiles(fs))) {
    if (std::optional<NicConfig> nic = nic_config(guest::parse_nm_keyfile(file.text), file.path))
      collector.add(std::move(*nic));
  }
  list_displaced(fs, guest::kDisplacedDir, collector.config.displaced);
  return std::move(collector.config);
}

const NetworkConfig& network_config(const Context& context) {
  return context.fact<NetworkConfig>("system.network_config",
                                     [&] { return read_network_config(context.fs()); });
}

}  // namespace image_agent::precheck

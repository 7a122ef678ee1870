#pragma once

// cloud-init in the guest, read one way for firstboot and precheck: whether it can run,
// and the settings of its configuration that decide what it does to the network and the
// host name, merged the way cloud-init merges them. Sources, cloud-init's own code:
// util.read_conf_with_confd and read_conf_d (/etc/cloud/cloud.cfg, then the *.cfg files of
// cloud.cfg.d in name order; a later file's key wins over an earlier file's and over
// cloud.cfg's, maps are merged key by key), stages._find_networking_config (a system
// `network: {config: disabled}` wins over the datasource's network and the DHCP fallback),
// cc_set_hostname and cc_update_hostname (preserve_hostname), cc_update_etc_hosts
// (manage_etc_hosts, which does not heed preserve_hostname).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

inline constexpr const char* kCloudCfg = "/etc/cloud/cloud.cfg";
inline constexpr const char* kCloudCfgDir = "/etc/cloud/cloud.cfg.d";

/// firstboot's drop-ins, one per setting group so each stays all-or-nothing with the
/// files it protects. "99-image-agent-" sorts after the 05_/90_ files cloud-init and the
/// distributions ship (and after Ubuntu's 99-disable-network-config.cfg), so ours win.
inline constexpr const char* kCloudInitNetworkDropIn = "/etc/cloud/cloud.cfg.d/99-image-agent-network.cfg";
inline constexpr const char* kCloudInitHostnameDropIn = "/etc/cloud/cloud.cfg.d/99-image-agent-hostname.cfg";

/// What shows cloud-init can run: its program, its systemd units, its init script.
std::span<const std::string_view> cloud_init_files();

/// The first of cloud_init_files() present in the guest, or "" when cloud-init is not
/// installed there.
std::string find_cloud_init(const RootFs& fs);

/// The settings of one configuration file that matter here; nullopt where the file does
/// not set them. Values are kept as written ("true", "yes", "localhost").
struct CloudConfig {
  std::optional<std::vector<std::string>> datasource_list;
  /// `config` of the top-level `network` map: "disabled", or "(network configuration)"
  /// for a version 1 configuration's list.
  std::optional<std::string> network_config;
  std::optional<std::string> preserve_hostname;
  std::optional<std::string> manage_etc_hosts;
};

/// Pure: one file's settings. A file that sets none of them is not parsed at all (some
/// that cloud-init ships, Debian's 05_logging.cfg, trip yaml-cpp); one that does must be
/// valid YAML, or each key it sets must be on one line (`key: value`, a flow list or map).
Result<CloudConfig> parse_cloud_config(std::string_view yaml);

struct CloudConfigFile {
  std::string path;  ///< guest path
  std::string text;
};

/// cloud.cfg and every *.cfg of cloud.cfg.d that is not a directory, in cloud-init's
/// merge order. A file that exists but cannot be read goes to `errors`.
std::vector<CloudConfigFile> read_cloud_config_files(const RootFs& fs, std::vector<std::string>* errors);

/// A merged setting and the file that gave it.
template <typename T>
struct Sourced {
  T value;
  std::string source;
};

struct EffectiveCloudConfig {
  std::optional<Sourced<std::vector<std::string>>> datasource_list;
  std::optional<Sourced<std::string>> network_config;
  std::optional<Sourced<std::string>> preserve_hostname;
  std::optional<Sourced<std::string>> manage_etc_hosts;
  std::vector<std::string> errors;  ///< "PATH: line N: ..." per file that could not be parsed

  /// network.config is "disabled": cloud-init renders no network configuration.
  bool network_disabled() const;
  /// preserve_hostname is true as cloud-init reads a boolean (true, yes, on, 1).
  bool hostname_preserved() const;
  /// manage_etc_hosts is true, "template" or "localhost": /etc/hosts is rewritten.
  bool etc_hosts_managed() const;
};

/// Pure: `files` merged as cloud-init merges them, whatever their order in the vector:
/// cloud.cfg first, then cloud.cfg.d's files by name, a later setting winning.
EffectiveCloudConfig merge_cloud_config(std::vector<CloudConfigFile> files);

/// True for the values cloud-init's translate_bool takes as true.
bool cloud_init_true(std::string_view value);

}  // namespace image_agent::guest

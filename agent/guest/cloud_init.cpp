#include "guest/cloud_init.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>

#include "platform/text.h"

namespace image_agent::guest {
namespace {

constexpr std::array<std::string_view, 7> kFiles{
    "/usr/bin/cloud-init",
    "/usr/local/bin/cloud-init",
    "/usr/lib/systemd/system/cloud-init.service",
    "/lib/systemd/system/cloud-init.service",
    "/usr/lib/systemd/system/cloud-init-local.service",
    "/lib/systemd/system/cloud-init-local.service",
    "/etc/init.d/cloud-init",
};

constexpr std::array<std::string_view, 4> kKeys{"datasource_list", "network", "preserve_hostname",
                                                "manage_etc_hosts"};

/// The value of a top-level `key: value` line, without a trailing comment; nullopt when
/// the line does not set `key`.
std::optional<std::string_view> line_value(std::string_view line, std::string_view key) {
  if (!line.starts_with(key)) return std::nullopt;
  std::string_view rest = line.substr(key.size());
  size_t colon = rest.find_first_not_of(" \t");
  if (colon == std::string_view::npos || rest[colon] != ':') return std::nullopt;
  rest = rest.substr(colon + 1);
  if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t') return std::nullopt;
  if (size_t hash = rest.find(" #"); hash != std::string_view::npos) rest = rest.substr(0, hash);
  return trim(rest);
}

std::string_view unquote(std::string_view value) {
  value = trim(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
    value = value.substr(1, value.size() - 2);
  return value;
}

/// "[ A, B ]" -> {A, B}; nullopt when it is not a one-line flow list.
std::optional<std::vector<std::string>> flow_list(std::string_view value) {
  if (value.size() < 2 || value.front() != '[' || value.back() != ']') return std::nullopt;
  std::vector<std::string> names;
  for (std::string_view name : split(value.substr(1, value.size() - 2), ',')) {
    name = unquote(name);
    if (!name.empty()) names.emplace_back(name);
  }
  return names;
}

/// `config` of a one-line flow map "{config: disabled}"; "" when the map has none,
/// nullopt when it is not a one-line flow map.
std::optional<std::string> flow_map_config(std::string_view value) {
  if (value.size() < 2 || value.front() != '{' || value.back() != '}') return std::nullopt;
  for (std::string_view entry : split(value.substr(1, value.size() - 2), ',')) {
    entry = trim(entry);
    if (std::optional<std::string_view> config = line_value(entry, "config"))
      return std::string(unquote(*config));
  }
  return std::string();
}

/// Each key the file sets on one line, read without a YAML parser (the fallback when
/// yaml-cpp rejects a file cloud-init reads). False when a key's value spans lines.
bool read_lines(std::string_view yaml, CloudConfig* config) {
  for (std::string_view line : lines(yaml)) {
    if (std::optional<std::string_view> list = line_value(line, "datasource_list")) {
      config->datasource_list = flow_list(*list);
      if (!config->datasource_list) return false;
    } else if (std::optional<std::string_view> map = line_value(line, "network")) {
      std::optional<std::string> network = flow_map_config(*map);
      if (!network) return false;
      if (!network->empty()) config->network_config = *network;
    } else if (std::optional<std::string_view> preserve = line_value(line, "preserve_hostname")) {
      config->preserve_hostname = std::string(unquote(*preserve));
    } else if (std::optional<std::string_view> hosts = line_value(line, "manage_etc_hosts")) {
      config->manage_etc_hosts = std::string(unquote(*hosts));
    }
  }
  return true;
}

std::string scalar(const YAML::Node& node) {
  return node.IsScalar() ? node.Scalar() : std::string();
}

CloudConfig from_yaml(const YAML::Node& root) {
  CloudConfig config;
  if (!root.IsMap()) return config;
  if (const YAML::Node list = root["datasource_list"]) {
    std::vector<std::string> names;
    if (list.IsSequence()) {
      for (const YAML::Node& name : list) {
        if (name.IsScalar()) names.push_back(name.Scalar());
      }
    } else if (list.IsScalar()) {
      names.push_back(list.Scalar());
    }
    config.datasource_list = std::move(names);
  }
  if (const YAML::Node network = root["network"]; network && network.IsMap()) {
    if (const YAML::Node value = network["config"])
      config.network_config = value.IsScalar() ? value.Scalar() : "(network configuration)";
  }
  if (const YAML::Node value = root["preserve_hostname"]) config.preserve_hostname = scalar(value);
  if (const YAML::Node value = root["manage_etc_hosts"]) config.manage_etc_hosts = scalar(value);
  return config;
}

/// cloud.cfg first, then cloud.cfg.d's files by name (Python's sorted(): byte order).
bool merged_before(const CloudConfigFile& a, const CloudConfigFile& b) {
  auto key = [](const CloudConfigFile& f) {
    return std::pair<bool, std::string_view>(f.path != kCloudCfg, f.path);
  };
  return key(a) < key(b);
}

template <typename T>
void take(const std::optional<T>& value, const std::string& path, std::optional<Sourced<T>>* merged) {
  if (value) *merged = Sourced<T>{*value, path};
}

}  // namespace

std::span<const std::string_view> cloud_init_files() {
  return kFiles;
}

std::string find_cloud_init(const RootFs& fs) {
  for (std::string_view path : kFiles) {
    if (fs.exists(path)) return std::string(path);
  }
  return {};
}

Result<CloudConfig> parse_cloud_config(std::string_view yaml) {
  bool mentioned = false;
  for (std::string_view line : lines(yaml)) {
    for (std::string_view key : kKeys) mentioned = mentioned || line_value(line, key).has_value();
  }
  if (!mentioned) return CloudConfig{};
  try {
    return from_yaml(YAML::Load(std::string(yaml)));
  } catch (const YAML::Exception& e) {
    CloudConfig config;
    if (read_lines(yaml, &config)) return config;
    return Error{"line " + std::to_string(e.mark.line + 1) + ": " + e.msg, EINVAL};
  }
}

std::vector<CloudConfigFile> read_cloud_config_files(const RootFs& fs, std::vector<std::string>* errors) {
  std::vector<std::string> paths{kCloudCfg};
  if (Result<std::vector<DirEntry>> entries = fs.list(kCloudCfgDir)) {
    for (const DirEntry& entry : *entries) {
      if (entry.type != S_IFDIR && entry.name.ends_with(".cfg"))
        paths.push_back(std::string(kCloudCfgDir) + "/" + entry.name);
    }
  }
  std::vector<CloudConfigFile> files;
  for (const std::string& path : paths) {
    Result<std::optional<std::string>> text = read_if_exists(fs, path);
    if (!text) {
      errors->push_back(path + ": " + text.error().message);
    } else if (*text) {
      files.push_back({path, std::move(**text)});
    }
  }
  std::sort(files.begin(), files.end(), merged_before);
  return files;
}

EffectiveCloudConfig merge_cloud_config(std::vector<CloudConfigFile> files) {
  std::stable_sort(files.begin(), files.end(), merged_before);
  EffectiveCloudConfig merged;
  for (const CloudConfigFile& file : files) {
    Result<CloudConfig> config = parse_cloud_config(file.text);
    if (!config) {
      merged.errors.push_back(file.path + ": " + config.error().message);
      continue;
    }
    take(config->datasource_list, file.path, &merged.datasource_list);
    take(config->network_config, file.path, &merged.network_config);
    take(config->preserve_hostname, file.path, &merged.preserve_hostname);
    take(config->manage_etc_hosts, file.path, &merged.manage_etc_hosts);
  }
  return merged;
}

bool cloud_init_true(std::string_view value) {
  std::string v = lower(trim(value));
  return v == "true" || v == "yes" || v == "on" || v == "1";
}

bool EffectiveCloudConfig::network_disabled() const {
  return network_config && network_config->value == "disabled";
}

bool EffectiveCloudConfig::hostname_preserved() const {
  return preserve_hostname && cloud_init_true(preserve_hostname->value);
}

bool EffectiveCloudConfig::etc_hosts_managed() const {
  if (!manage_etc_hosts) return false;
  const std::string& v = manage_etc_hosts->value;
  return cloud_init_true(v) || lower(v) == "template" || v == "localhost";
}

}  // namespace image_agent::guest

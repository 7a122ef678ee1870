#include "precheck/facts/cloud_init.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>

#include "platform/text.h"
#include "precheck/facts/packages.h"

namespace image_agent::precheck {

std::string parse_cloud_init_version(std::string_view version_py) {
  for (std::string_view line : lines(version_py)) {
    line = trim(line);
    if (!line.starts_with("__VERSION__")) continue;
    size_t open = line.find_first_of("\"'");
    if (open == std::string_view::npos) continue;
    size_t close = line.find(line[open], open + 1);
    if (close == std::string_view::npos) continue;
    return std::string(line.substr(open + 1, close - open - 1));
  }
  return {};
}

namespace {

/// "datasource_list: [ A, B ]" on one line, read without a YAML parser.
std::optional<std::vector<std::string>> flow_list(std::string_view line) {
  size_t open = line.find('[');
  size_t close = line.rfind(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::nullopt;
  std::vector<std::string> names;
  for (std::string_view name : split(line.substr(open + 1, close - open - 1), ',')) {
    name = trim(name);
    if (name.size() >= 2 && (name.front() == '"' || name.front() == '\'') && name.back() == name.front())
      name = name.substr(1, name.size() - 2);
    if (!name.empty()) names.emplace_back(name);
  }
  return names;
}

}  // namespace

Result<std::optional<std::vector<std::string>>> parse_datasource_list(std::string_view yaml) {
  // Only a top-level key counts. Files that do not set it are not parsed at all: some
  // that cloud-init ships (Debian's 05_logging.cfg) trip yaml-cpp, and they say nothing
  // about datasources.
  std::string_view line_with_key;
  for (std::string_view line : lines(yaml)) {
    if (line.starts_with("datasource_list")) line_with_key = line;
  }
  if (line_with_key.empty()) return std::optional<std::vector<std::string>>();
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    if (!root.IsMap()) return std::optional<std::vector<std::string>>();
    const YAML::Node list = root["datasource_list"];
    if (!list) return std::optional<std::vector<std::string>>();
    std::vector<std::string> names;
    if (list.IsSequence()) {
      for (const YAML::Node& name : list) {
        if (name.IsScalar()) names.push_back(name.as<std::string>());
      }
    } else if (list.IsScalar()) {
      names.push_back(list.as<std::string>());
    }
    return std::optional<std::vector<std::string>>(std::move(names));
  } catch (const YAML::Exception& e) {
    if (std::optional<std::vector<std::string>> names = flow_list(line_with_key)) return names;
    return Error{"line " + std::to_string(e.mark.line + 1) + ": " + e.msg, EINVAL};
  }
}

namespace {

std::string python_version(const RootFs& fs, std::string* source) {
  for (const char* lib : {"/usr/lib", "/usr/lib64", "/usr/local/lib"}) {
    Result<std::vector<DirEntry>> entries = fs.list(lib);
    if (!entries) continue;
    for (const DirEntry& entry : *entries) {
      if (!entry.name.starts_with("python3")) continue;
      for (const char* packages : {"/site-packages", "/dist-packages"}) {
        std::string path = std::string(lib) + "/" + entry.name + packages + "/cloudinit/version.py";
        if (Result<std::string> text = fs.read_file(path)) {
          std::string version = parse_cloud_init_version(*text);
          if (!version.empty()) {
            *source = path;
            return version;
          }
        }
      }
    }
  }
  return {};
}

CloudInit read_cloud_init(const Context& context) {
  const RootFs& fs = context.fs();
  CloudInit info;
  Presence presence = find_package(
      context, {"cloud-init"},
      {"/usr/bin/cloud-init", "/usr/local/bin/cloud-init", "/usr/lib/systemd/system/cloud-init.service",
       "/lib/systemd/system/cloud-init.service", "/etc/init.d/cloud-init"});
  info.installed = presence.installed;
  info.evidence = presence.evidence;
  if (!info.installed) return info;
  if (const DpkgPackage* package = package_db(context).find("cloud-init")) {
    info.version = package->version;
    info.version_source = "dpkg: cloud-init";
  } else {
    info.version = python_version(fs, &info.version_source);
  }
  std::vector<std::string> configs{"/etc/cloud/cloud.cfg"};
  if (Result<std::vector<DirEntry>> entries = fs.list("/etc/cloud/cloud.cfg.d")) {
    for (const DirEntry& entry : *entries) {
      if (entry.name.ends_with(".cfg")) configs.push_back("/etc/cloud/cloud.cfg.d/" + entry.name);
    }
  }
  for (const std::string& path : configs) {
    Result<std::string> text = fs.read_file(path);
    if (!text) continue;
    Result<std::optional<std::vector<std::string>>> list = parse_datasource_list(*text);
    if (!list) {
      info.errors.push_back(path + ": " + list.error().message);
    } else if (list->has_value()) {
      info.datasources = **list;
      info.datasources_source = path;
    }
  }
  return info;
}

}  // namespace

const CloudInit& cloud_init(const Context& context) {
  return context.fact<CloudInit>("system.cloud_init", [&] { return read_cloud_init(context); });
}

}  // namespace image_agent::precheck

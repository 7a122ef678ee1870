#include "precheck/facts/cloud_init.h"

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
  std::span<const std::string_view> files = guest::cloud_init_files();
  Presence presence = find_package(context, {"cloud-init"}, {files.begin(), files.end()});
  info.installed = presence.installed;
  info.evidence = presence.evidence;
  if (!info.installed) return info;
  if (const DpkgPackage* package = package_db(context).find("cloud-init")) {
    info.version = package->version;
    info.version_source = "dpkg: cloud-init";
  } else {
    info.version = python_version(fs, &info.version_source);
  }
  std::vector<std::string> unreadable;
  info.files = guest::read_cloud_config_files(fs, &unreadable);
  info.config = guest::merge_cloud_config(info.files);
  info.config.errors.insert(info.config.errors.begin(), unreadable.begin(), unreadable.end());
  return info;
}

}  // namespace

const CloudInit& cloud_init(const Context& context) {
  return context.fact<CloudInit>("system.cloud_init", [&] { return read_cloud_init(context); });
}

}  // namespace image_agent::precheck

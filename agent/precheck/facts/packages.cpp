#include "precheck/facts/packages.h"

#include "platform/text.h"

namespace image_agent::precheck {

std::vector<DpkgPackage> parse_dpkg_status(std::string_view text) {
  std::vector<DpkgPackage> installed;
  DpkgPackage current;
  bool is_installed = false;
  auto flush = [&] {
    if (is_installed && !current.name.empty()) installed.push_back(current);
    current = {};
    is_installed = false;
  };
  for (std::string_view line : lines(text)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') continue;  // continuation of a field
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view field = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    if (field == "Package") {
      current.name = std::string(value);
    } else if (field == "Version") {
      current.version = std::string(value);
    } else if (field == "Status") {
      // "want flag state": only the state matters ("installed"; not config-files,
      // half-installed, unpacked...).
      std::vector<std::string_view> words = split(value, ' ');
      is_installed = words.size() == 3 && words[2] == "installed";
    }
  }
  flush();
  return installed;
}

const DpkgPackage* PackageDb::find(std::string_view name) const {
  for (const DpkgPackage& package : installed) {
    if (package.name == name) return &package;
  }
  return nullptr;
}

const PackageDb& package_db(const Context& context) {
  return context.fact<PackageDb>("system.packages", [&] {
    PackageDb db;
    if (Result<std::string> status = context.fs().read_file("/var/lib/dpkg/status")) {
      db.has_dpkg = true;
      db.installed = parse_dpkg_status(*status);
    }
    return db;
  });
}

Presence find_package(const Context& context, const std::vector<std::string_view>& packages,
                      const std::vector<std::string_view>& files) {
  const PackageDb& db = package_db(context);
  for (std::string_view name : packages) {
    if (const DpkgPackage* package = db.find(name))
      return {true, "dpkg: " + package->name + " " + package->version};
  }
  for (std::string_view file : files) {
    if (context.fs().exists(file)) return {true, std::string(file)};
  }
  return {};
}

std::string find_program(const RootFs& fs, const std::vector<std::string_view>& names) {
  for (std::string_view name : names) {
    for (const char* dir : {"/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/"}) {
      std::string path = dir + std::string(name);
      Result<struct stat> st = fs.stat(path);
      if (st && S_ISREG(st->st_mode)) return path;
    }
  }
  return {};
}

}  // namespace image_agent::precheck

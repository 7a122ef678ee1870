#pragma once

// Whether a package is installed. Debian's /var/lib/dpkg/status is text and read; RPM's
// database (/var/lib/rpm: Berkeley DB, NDB or SQLite) is not, so the files a package
// ships (its binaries, its units) stand as evidence there, and everywhere for software
// installed without a package.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "precheck/context.h"

namespace image_agent::precheck {

/// Pure: names of the packages /var/lib/dpkg/status lists as installed ("Status: install
/// ok installed", or hold/deinstall with "installed" state), with their versions.
struct DpkgPackage {
  std::string name;
  std::string version;
};
std::vector<DpkgPackage> parse_dpkg_status(std::string_view text);

/// The guest's package facts, read once per run.
struct PackageDb {
  bool has_dpkg = false;
  std::vector<DpkgPackage> installed;
  const DpkgPackage* find(std::string_view name) const;
};
const PackageDb& package_db(const Context& context);

struct Presence {
  bool installed = false;
  std::string evidence;  ///< "dpkg: qemu-guest-agent 1:7.2", or the path found
};

/// Installed when dpkg lists one of `packages` or one of `files` exists in the guest.
Presence find_package(const Context& context, const std::vector<std::string_view>& packages,
                      const std::vector<std::string_view>& files);

/// The first of `names` found in /usr/sbin, /usr/bin, /sbin, /bin (guest paths), or "".
std::string find_program(const RootFs& fs, const std::vector<std::string_view>& names);

}  // namespace image_agent::precheck

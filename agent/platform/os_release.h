#pragma once

#include <string>
#include <string_view>

#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent {

/// The fields of os-release(5) that image-agent uses.
struct OsRelease {
  std::string id;       ///< "debian", "rhel", "opensuse-leap", ...
  std::string id_like;  ///< space-separated, e.g. "rhel centos fedora"
  std::string name;
  std::string version_id;   ///< "12", "8.9"
  std::string pretty_name;  ///< falls back to NAME VERSION_ID, then "Linux" (the spec's default)
};

/// Parses os-release text; lines that are not plain data are ignored, as os-release(5)
/// tells readers to do.
OsRelease parse_os_release(std::string_view text);

/// The guest's /etc/os-release, else /usr/lib/os-release.
Result<OsRelease> read_os_release(const RootFs& fs);

}  // namespace image_agent

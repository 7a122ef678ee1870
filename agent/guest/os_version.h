#pragma once

// The guest's version number, as precisely as its files state it. os-release's VERSION_ID
// is often the major alone (CentOS 7 says "7"), while the distribution's own /etc/*-release
// line carries the rest ("CentOS Linux release 7.4.1708 (Core)"); the cloud's image_check
// reports that image as os_big_version "7", os_small_version "4".
#include <string>
#include <string_view>

#include "platform/root_fs.h"

namespace image_agent::guest {

/// The version a distribution's *-release file states: lsb-release's DISTRIB_RELEASE, old
/// SUSE's VERSION and PATCHLEVEL ("12" and "3" give "12.3"), else the first word of the
/// first line that is a version number ("CentOS Linux release 7.4.1708 (Core)" gives
/// "7.4.1708"); "" when it states none.
std::string parse_release_file_version(std::string_view text);

/// The first dot-separated component of `version` ("7.4.1708" gives "7").
std::string major_version(std::string_view version);
/// The second one ("7.4.1708" gives "4", "22.04" gives "04"); "" when there is none ("12").
std::string minor_version(std::string_view version);

struct OsVersion {
  std::string full;    ///< "7.4.1708", "12"; "" when no file states one
  std::string source;  ///< the file it was read from, "/etc/centos-release"; "" with `full`
};

/// The guest's version: os-release's VERSION_ID (/etc/os-release, else
/// /usr/lib/os-release), unless a /etc/*-release file states a longer version that begins
/// with it, or os-release states none. Unreadable files count as absent.
OsVersion read_os_version(const RootFs& fs);

}  // namespace image_agent::guest

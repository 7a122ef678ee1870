#pragma once

// Who the guest is: /etc/os-release (else /usr/lib/os-release) when it has an ID=, and
// otherwise a distribution's own /etc/*-release file (CentOS 6's redhat-release, old
// SUSE's SuSE-release), which is all that older guests carry.
#include <optional>
#include <string>
#include <vector>

#include "platform/os_release.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

struct GuestIdentity {
  std::optional<OsRelease> os_release;  ///< from the first os-release file with an ID=
  std::string os_release_path;          ///< that file
  std::vector<std::string> without_id;  ///< os-release files found without an ID=
  std::string release_file;             ///< without os-release: the first non-empty /etc/*-release
};

/// Reads the guest's identity; unreadable files count as absent.
GuestIdentity identify_guest(const RootFs& fs);

}  // namespace image_agent::guest

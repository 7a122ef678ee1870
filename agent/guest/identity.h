#pragma once

// Who the guest is: /etc/os-release (else /usr/lib/os-release) when it has an ID=, and
// otherwise a distribution's own /etc/*-release file (CentOS 6's centos-release and
// redhat-release, old SUSE's SuSE-release), which is all that older guests carry; its
// first line is read into os-release's fields, so every reader sees one identity.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/os_release.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

/// What a distribution's own release file says, in os-release's fields. ID and NAME come
/// from the known distribution its first line begins with ("CentOS release 6.10 (Final)"
/// gives centos and "CentOS", as the cloud's image_check names the platform; "SUSE Linux
/// Enterprise Server 11 (x86_64)" gives sles), or from lsb-release's DISTRIB_ID; another
/// "NAME release VERSION" line gives NAME and os-release's default ID "linux". VERSION_ID
/// is parse_release_file_version()'s ("6.10", SUSE's VERSION.PATCHLEVEL "11.4");
/// PRETTY_NAME the first line (lsb-release: DISTRIB_DESCRIPTION). nullopt when the text
/// names no distribution (lsb-release with LSB_VERSION only, an empty file).
std::optional<OsRelease> parse_release_file(std::string_view text);

struct GuestIdentity {
  std::optional<OsRelease> os_release;  ///< from the first os-release file with an ID=
  std::string os_release_path;          ///< that file
  std::vector<std::string> without_id;  ///< os-release files found without an ID=
  /// Without os-release: the /etc/*-release file `from_release_file` was read from, else
  /// the first non-empty one (which names no distribution this reader knows).
  std::string release_file;
  std::optional<OsRelease> from_release_file;  ///< parse_release_file() of release_file

  /// os_release, else from_release_file; nullptr when neither identifies the guest.
  const OsRelease* os() const;
  /// The file os() comes from; "" with it.
  const std::string& source() const;
};

/// Reads the guest's identity; unreadable files count as absent. Without os-release the
/// distribution's own files come first (oracle-release, centos-release, SuSE-release...),
/// then the ones derivatives share: redhat-release (Oracle Linux 6 has one saying "Red Hat
/// Enterprise Linux Server"), system-release, lsb-release.
GuestIdentity identify_guest(const RootFs& fs);

}  // namespace image_agent::guest

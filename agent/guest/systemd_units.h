#pragma once

// Whether systemd starts a unit at boot, judged from the links `systemctl enable` and
// `systemctl mask` leave behind (never by asking systemctl: an offline root cannot):
// - enabled: a symlink named after the unit in a *.wants/ or *.requires/ directory of
//   /etc/systemd/system, or of the vendor directories (/usr/lib, /lib: "static" wants
//   that ship enabled), pointing to a unit file that exists. An alias alone (Debian's
//   sshd.service -> ssh.service, dbus-org.freedesktop.NetworkManager.service) is not:
//   `systemctl enable` makes the wants link beside it, and disable may leave it behind;
// - masked: /etc/systemd/system/<unit> is a symlink to /dev/null; that wins over any link.
// Presets (*.preset) are not enablement: they only say what `systemctl preset` would do.
#include <string>
#include <string_view>
#include <vector>

#include "platform/root_fs.h"

namespace image_agent::guest {

/// One symlink under a unit directory.
struct UnitLink {
  std::string dir;       ///< "/etc/systemd/system/multi-user.target.wants" or "/etc/systemd/system"
  std::string name;      ///< the link's name: "ssh.service"
  std::string target;    ///< what it points to: "/lib/systemd/system/ssh.service", "/dev/null"
  bool resolves = true;  ///< the target exists inside the root
};

enum class UnitState { kDisabled, kEnabled, kMasked };

struct UnitEnablement {
  UnitState state = UnitState::kDisabled;
  std::string link;  ///< the link that decided it ("/etc/systemd/system/x.wants/ssh.service")
};

/// Pure: how `unit` ("ssh.service") stands given the links found.
UnitEnablement unit_enablement(const std::vector<UnitLink>& links, std::string_view unit);

/// The directories units are installed in, in systemd's order of precedence.
const std::vector<std::string>& unit_directories();

/// Every symlink of /etc/systemd/system (top level, *.wants, *.requires) and of the
/// *.wants / *.requires directories of /usr/lib/systemd/system and /lib/systemd/system.
std::vector<UnitLink> read_unit_links(const RootFs& fs);

/// The path of `unit`'s file in the first unit directory holding it, or "".
std::string find_unit_file(const RootFs& fs, std::string_view unit);

}  // namespace image_agent::guest

#pragma once

// ifupdown's /etc/network/interfaces (Debian): "iface NAME inet|inet6 METHOD" stanzas;
// "source GLOB" and "source-directory DIR" pull in other files, relative paths being
// relative to /etc/network.
#include <string>
#include <string_view>
#include <vector>

#include "guest/config_files.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

constexpr const char* kInterfacesPath = "/etc/network/interfaces";

struct IfaceStanza {
  std::string name;                  ///< "eth0"
  std::string family;                ///< "inet", "inet6"
  std::string method;                ///< "dhcp", "static", "auto", "manual", "loopback"
  std::vector<std::string> options;  ///< the option names of its lines ("address", "bond-slaves")

  /// A stock stanza (the Debian installer's, cloud-init's): DHCP, SLAAC or manual, and no
  /// options that address it or stack it (bond-*, bridge_*, vlan-*, up/pre-up commands).
  bool plain_dhcp() const;
};

struct InterfacesFile {
  std::string path;
  std::string text;
  std::vector<IfaceStanza> stanzas;      ///< in file order
  std::vector<std::string> sources;      ///< "source" arguments as written (globs allowed)
  std::vector<std::string> directories;  ///< "source-directory" arguments as written
};

/// Whether `word` starts a new stanza (or a line of its own) rather than an option line.
bool stanza_keyword(std::string_view word);

/// Pure: one file's stanzas and source lines (comments skipped, CRLF tolerated).
InterfacesFile parse_interfaces(std::string_view text, const std::string& path);

/// Pure: `text` without interface `name`'s `iface` stanzas (the iface line and its option
/// lines) and without `name` on its `auto`/`allow-*` lines (a line left with no name
/// goes); every other byte is kept.
std::string without_interface(std::string_view text, std::string_view name);

/// A `source`/`source-directory` argument as ifupdown resolves it.
std::string interfaces_absolute(const std::string& argument);

/// The files ifupdown reads, in its order: /etc/network/interfaces, then each sourced
/// file where its line stands (globs and run-parts names expanded, 8 levels deep, each
/// file once). `unreadable` lists what exists but could not be read.
struct InterfacesFiles {
  std::vector<InterfacesFile> files;
  std::vector<Error> unreadable;
};
InterfacesFiles load_interfaces(const RootFs& fs);

}  // namespace image_agent::guest

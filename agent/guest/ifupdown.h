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
  std::string name;    ///< "eth0"
  std::string family;  ///< "inet", "inet6"
  std::string method;  ///< "dhcp", "static", "auto", "manual", "loopback"
};

struct InterfacesFile {
  std::string path;
  std::string text;
  std::vector<IfaceStanza> stanzas;      ///< in file order
  std::vector<std::string> sources;      ///< "source" arguments as written (globs allowed)
  std::vector<std::string> directories;  ///< "source-directory" arguments as written
};

/// Pure: one file's stanzas and source lines (comments skipped, CRLF tolerated).
InterfacesFile parse_interfaces(std::string_view text, const std::string& path);

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

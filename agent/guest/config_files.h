#pragma once

// Finding a stack's configuration files the way that stack does: which directories it
// reads, which file names it takes, and which file of a name wins when several
// directories hold one. Every reader of guest network configuration (precheck's facts,
// firstboot's backends, sysprep) goes through these, so they all see the same files.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

/// One configuration file as its stack would read it.
struct ConfigFile {
  std::string path;     ///< guest path: "/etc/netplan/50-cloud-init.yaml"
  std::string name;     ///< the file name: "50-cloud-init.yaml"
  std::string text;     ///< its content
  bool vendor = false;  ///< from the distribution's directory (/usr/lib, /lib), not the admin's
};

/// The files found, and what could not be read. Only ENOENT (and ENOTDIR, a directory
/// that is a file on this distribution) means absent: any other failure is listed, never
/// taken for "no file".
struct ConfigFiles {
  std::vector<ConfigFile> files;
  std::vector<Error> unreadable;
};

using NameFilter = std::function<bool(std::string_view name)>;

/// The regular files (or links to them) of `dir` whose names `wanted` accepts, by name.
ConfigFiles load_directory(const RootFs& fs, const std::string& dir, const NameFilter& wanted);

/// One search path of directories, highest precedence first (systemd's and netplan's
/// rule): a file name in an earlier directory hides the same name in later ones; the
/// result is ordered by file name. Directories listed in `vendor_dirs` mark their files.
ConfigFiles load_layered(const RootFs& fs, const std::vector<std::string>& dirs, const NameFilter& wanted,
                         const std::vector<std::string>& vendor_dirs = {});

/// `from`'s files and errors appended to `to`.
void append(ConfigFiles& to, ConfigFiles from);

}  // namespace image_agent::guest

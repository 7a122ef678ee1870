#pragma once

// The host's own files: sysfs attributes, /proc/self/mountinfo, /dev/block links. Never
// the guest's (those go through RootFs, inside --root). Small, best-effort readers: a
// missing or unreadable file reads as empty, which callers treat as "not there" because
// sysfs entries come and go with the devices.
#include <optional>
#include <string>
#include <vector>

namespace image_agent {

/// The whole file, "" when it cannot be read.
std::string read_host_file(const std::string& path);

/// Its first line without the '\n', "" when it cannot be read.
std::string read_host_line(const std::string& path);

/// The entry names of a directory ("." and ".." left out), sorted; empty when unreadable.
std::vector<std::string> host_dir_names(const std::string& dir);

/// The path with every symlink resolved (realpath), or nullopt.
std::optional<std::string> host_real_path(const std::string& path);

/// Whether something is at `path` (following symlinks).
bool host_exists(const std::string& path);

}  // namespace image_agent

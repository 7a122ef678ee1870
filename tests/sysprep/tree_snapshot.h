#pragma once

#include <map>
#include <set>
#include <string>

namespace image_agent::sysprep::testing {

/// Everything a user could check about a host tree: for each path (relative to the
/// top), its type, mode, owner and content (a symlink's target). Symlinks are recorded,
/// never followed.
using TreeSnapshot = std::map<std::string, std::string>;

TreeSnapshot snapshot_tree(const std::string& top);

/// Paths added, removed or changed between two snapshots.
std::set<std::string> changed_paths(const TreeSnapshot& before, const TreeSnapshot& after);

}  // namespace image_agent::sysprep::testing

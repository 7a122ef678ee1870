#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "guest/own_files.h"

namespace image_agent::firstboot {

/// One planned change to a guest file. Planners only describe changes; the applier
/// (plan.h) reads the current content, skips identical ones, writes atomically through
/// RootFs and rolls a group back if one of its changes fails.
struct FileChange {
  /// kCopy: `path` becomes a copy of the file named by `content`, with its owner, mode and
  /// SELinux label (how a user's file is set aside before it is removed or overwritten).
  enum class Kind { kWrite, kRemove, kCopy };
  Kind kind = Kind::kWrite;
  std::string path;     ///< guest path, "/etc/netplan/90-image-agent.yaml"
  std::string content;  ///< kWrite: the whole new content; kCopy: the guest path copied
  mode_t mode = 0644;   ///< kWrite: mode when the file is created; an existing file keeps its own
  bool operator==(const FileChange&) const = default;
};

using FileChanges = std::vector<FileChange>;

/// Appends `more` to `changes`.
inline void append(FileChanges& changes, const FileChanges& more) {
  changes.insert(changes.end(), more.begin(), more.end());
}

using guest::kOwnedMarker;

}  // namespace image_agent::firstboot

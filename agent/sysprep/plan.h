#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/result.h"

namespace image_agent::sysprep {

/// What an action does to one guest path.
enum class ActionKind {
  kRemove,    ///< unlink a file, socket or symlink (never its target), or rmdir a directory it emptied
  kTruncate,  ///< empty a regular file, keeping the file, its owner, mode and label
  kEdit,      ///< rewrite a regular file with `content` (RootFs::replace_file)
  kRestore,   ///< put the set-aside file `path` back at `content` (its owner, mode and label kept), then
              ///< remove it
};

/// One change a plan asks for. The identity (device, inode, type, mount) is taken when
/// planning: apply refuses a path that has become another file since, so a file swapped
/// for a symlink or a directory, or reached through a bind mount made in between, is
/// never acted on.
struct Action {
  ActionKind kind = ActionKind::kRemove;
  std::string path;  ///< guest path
  dev_t dev = 0;
  ino_t ino = 0;
  mode_t type = 0;                ///< S_IFREG, S_IFDIR, S_IFLNK, ...
  std::optional<uint64_t> mount;  ///< the mount ID; unset where the kernel tells none
  std::string content;            ///< kEdit: the file's new content; kRestore: the path it goes back to
  std::string note;               ///< shown by --dry-run, e.g. "drop 1 HWADDR= line"
};

/// A path left alone on purpose, with the reason (another file system, a symlinked
/// directory that is not followed, a file with other hard links).
struct Skip {
  std::string path;
  std::string reason;
};

/// What an operation would do. Planning only reads the guest.
struct Plan {
  std::vector<Action> actions;
  std::vector<Skip> skipped;
  std::vector<Error> errors;  ///< what could not be looked at; the operation then fails
};

}  // namespace image_agent::sysprep

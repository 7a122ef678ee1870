#include "sysprep/apply.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "platform/mount_id.h"

namespace image_agent::sysprep {
namespace {

bool same_file(const Action& action, const struct stat& st) {
  return st.st_dev == action.dev && st.st_ino == action.ino && (st.st_mode & S_IFMT) == action.type;
}

/// The planned file on the planned mount: a bind mount made since planning over the
/// path or a directory above it (the host's /tmp bound into a chroot) makes the path
/// reach another mount, and the action is refused even where device and inode agree.
bool same_mount(const Action& action, int fd) {
  return !action.mount || mount_id(fd) == action.mount;
}

Error changed(const Action& action) {
  return Error{guest_path(action.path) + ": changed since it was planned; left alone", ESTALE};
}

/// Empties a regular file through a descriptor that cannot be a symlink's target, and
/// only when it is still the planned file: same inode, so owner, mode and label stay.
Result<void> truncate_file(const RootFs& fs, const Action& action) {
  // O_NONBLOCK: a FIFO swapped in cannot hang us (and same_file() then refuses it).
  Result<UniqueFd> fd = fs.open_file(action.path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
  if (!fd) return fd.error();
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return Error::from_errno("stat " + guest_path(action.path));
  if (!same_file(action, st) || !same_mount(action, fd->get()) || !S_ISREG(st.st_mode))
    return changed(action);
  if (::ftruncate(fd->get(), 0) != 0) return Error::from_errno("truncate " + guest_path(action.path));
  return {};
}

/// Copies the set-aside file back (atomically, with its attributes), and only once that is
/// durable removes the set-aside copy: a failure leaves at least one of the two.
Result<void> restore_file(const RootFs& fs, const Action& action) {
  Result<std::string> content = fs.read_file(action.path);
  if (!content) return content.error();
  Result<NewFileAttributes> attributes = fs.attributes_of(action.path);
  if (!attributes) return attributes.error();
  if (Result<void> written = fs.replace_file(action.content, *content, *attributes); !written) return written;
  Result<bool> removed = fs.remove(action.path);
  if (!removed) return removed.error();
  return {};
}

/// Applies one action. Returns false when the path was already gone (nothing to count).
Result<bool> apply_action(const RootFs& fs, const Action& action) {
  Result<UniqueFd> fd = fs.open_file(action.path, O_PATH | O_NOFOLLOW);
  if (!fd) {
    if (fd.error().code == ENOENT) return false;
    return fd.error();
  }
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return Error::from_errno("stat " + guest_path(action.path));
  if (!same_file(action, st) || !same_mount(action, fd->get())) return changed(action);
  switch (action.kind) {
    case ActionKind::kRemove:
      return fs.remove(action.path);
    case ActionKind::kTruncate:
      if (Result<void> done = truncate_file(fs, action); !done) return done.error();
      return true;
    case ActionKind::kEdit:
      if (Result<void> done = fs.replace_file(action.path, action.content); !done) return done.error();
      return true;
    case ActionKind::kRestore:
      if (Result<void> done = restore_file(fs, action); !done) return done.error();
      return true;
  }
  return Error{"unknown action for " + guest_path(action.path), EINVAL};
}

}  // namespace

Outcome apply_plan(const RootFs& fs, const Plan& plan) {
  Outcome outcome;
  outcome.counts.skipped = static_cast<int>(plan.skipped.size());
  outcome.failures = plan.errors;
  for (const Action& action : plan.actions) {
    Result<bool> done = apply_action(fs, action);
    if (!done) {
      outcome.failures.push_back(done.error());
    } else if (*done) {
      int& count = action.kind == ActionKind::kRemove     ? outcome.counts.removed
                   : action.kind == ActionKind::kTruncate ? outcome.counts.truncated
                                                          : outcome.counts.edited;
      ++count;
    }
  }
  outcome.counts.failed = static_cast<int>(outcome.failures.size());
  return outcome;
}

Counts count_plan(const Plan& plan) {
  Counts counts;
  for (const Action& action : plan.actions) {
    if (action.kind == ActionKind::kRemove) ++counts.removed;
    if (action.kind == ActionKind::kTruncate) ++counts.truncated;
    if (action.kind == ActionKind::kEdit || action.kind == ActionKind::kRestore) ++counts.edited;
  }
  counts.skipped = static_cast<int>(plan.skipped.size());
  counts.failed = static_cast<int>(plan.errors.size());
  return counts;
}

}  // namespace image_agent::sysprep

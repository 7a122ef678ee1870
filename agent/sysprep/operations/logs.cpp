// logs: the preparing instance's logs name its users, addresses and commands; clones
// should start with their own. Files are truncated, not removed: daemons and logrotate
// expect them with their modes and owners (a world-readable auth.log would be a leak).
// The persistent journal is removed: its files are named after the old machine-id.
#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

constexpr const char* kJournal = "/var/log/journal";

void plan_log_directory(const Context& context, const std::string& dir, Plan& plan) {
  std::optional<Listing> listing = list_directory(context, dir, plan);
  if (!listing) return;
  for (const DirEntry& entry : listing->entries) {
    const std::string path = join_path(dir, entry.name);
    if (path == kJournal) {
      // Keep the directory itself: its presence is what makes journald persistent.
      plan_remove_contents(context, path, plan);
      continue;
    }
    std::optional<struct stat> st = lstat_entry(context, path, plan);
    if (!st) continue;
    if (S_ISDIR(st->st_mode)) {
      plan_log_directory(context, path, plan);
    } else {
      // Symlinks, sockets and FIFOs are not logs and stay as they are.
      plan_truncate(context, path, *st, plan);
    }
  }
}

Plan plan(const Context& context) {
  Plan plan;
  plan_log_directory(context, "/var/log", plan);
  return plan;
}

}  // namespace

const Operation kLogs{"logs",
                      "truncates every regular file under /var/log (kept with its owner and mode); removes "
                      "the contents of /var/log/journal (the persistent journal)",
                      true, &plan};

}  // namespace image_agent::sysprep::ops

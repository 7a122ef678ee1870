#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "firstboot/file_change.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

/// Something a group does besides writing files (set the running host name, ...).
struct Action {
  std::string description;
  std::function<Result<void>()> run;
};

/// Everything one setting group will do. Built by the group's planner from the guest's
/// current files; nothing is changed until apply_group().
struct GroupPlan {
  std::string group;  ///< "hostname", "password", "network", "dns"
  FileChanges files;
  std::vector<Action> actions;
  /// Files whose content is secret (/etc/shadow): shown with every hash masked.
  bool redact_shadow_hashes = false;
};

/// What apply_group() did.
struct GroupResult {
  std::vector<std::string> changed;    ///< paths written or removed
  std::vector<std::string> unchanged;  ///< paths that already had the planned content
};

/// Applies a group all-or-nothing: files whose content is already right are left alone
/// (no rename, mtime kept); the others are replaced atomically one by one; then the
/// actions run. If anything fails, the files already changed get their old content back
/// (or are removed if they were new) and the error says what failed.
Result<GroupResult> apply_group(const RootFs& fs, const GroupPlan& plan);

/// The plan as a reviewer wants it: a unified diff per file that would change, then the
/// actions. Secrets are masked (see GroupPlan::redact_shadow_hashes).
std::string render_plan(const RootFs& fs, const GroupPlan& plan);

/// /etc/shadow text with every password hash replaced by "<hash>", or by "<new hash>"
/// where it differs from `before`'s hash for the same user.
std::string mask_shadow_hashes(const std::string& text, const std::string* before);

}  // namespace image_agent::firstboot

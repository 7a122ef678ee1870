#pragma once

#include <vector>

#include "platform/result.h"
#include "platform/root_fs.h"
#include "sysprep/plan.h"

namespace image_agent::sysprep {

/// What one operation did, for its line of output.
struct Counts {
  int removed = 0;
  int truncated = 0;
  int edited = 0;
  int skipped = 0;
  int failed = 0;
};

struct Outcome {
  Counts counts;
  std::vector<Error> failures;  ///< one per failed count, naming the path
};

/// Carries out a plan in order (a directory's entries come before it). Each action first
/// checks that its path is still the file that was planned (device, inode, type);
/// otherwise it fails and touches nothing. A path that vanished counts as nothing.
/// Planning errors and skips are counted too, so the counts describe the whole operation.
Outcome apply_plan(const RootFs& fs, const Plan& plan);

/// The counts a plan would produce without applying it (for --dry-run).
Counts count_plan(const Plan& plan);

}  // namespace image_agent::sysprep

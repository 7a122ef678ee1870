#pragma once

// Running the built binary under `strace -f -y` to see what it did to the world: which
// programs it started, and which paths it created, opened for writing, removed, renamed,
// linked, chmod'ed, chown'ed or truncated. The hostile-input tests (tests/hostile) assert
// from it that nothing was executed and nothing written outside the root, whatever the
// input. strace reports where each descriptor really points (`-y`: the kernel's own path
// of the open file), so a write through a symlink or a descriptor escaping the root shows
// up under its real path. A bind mount hides an escape from it (the kernel reports the
// path through the mount): for those, compare the files outside, as the tests also do.
#include <chrono>
#include <string>
#include <vector>

#include "platform/process.h"

namespace image_agent::testing {

struct TracedRun {
  RunResult result;
  std::chrono::milliseconds wall{0};
  /// Each execve/execveat of the run and its children, successful or not, in order.
  std::vector<std::string> executed;
  /// Each path the run changed or tried to change: "SYSCALL PATH". A path strace could
  /// not tell (a relative name with no directory descriptor) starts with "?".
  std::vector<std::string> written;
};

/// `command` under strace, traced in all its children, killed with them at `deadline`.
/// Throws when strace cannot be started.
TracedRun run_traced(const std::string& strace, const std::vector<std::string>& command,
                     std::chrono::milliseconds deadline);

/// The entries of `run.written` whose path is neither `top` nor under it, nor one of
/// `allowed` (the character devices a program may write to).
std::vector<std::string> written_outside(const TracedRun& run, const std::string& top,
                                         const std::vector<std::string>& allowed = {"/dev/null"});

}  // namespace image_agent::testing

#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "platform/result.h"

namespace image_agent {

struct RunOptions {
  /// The child (and its process group) is killed with SIGKILL when this has passed.
  std::chrono::milliseconds deadline{std::chrono::seconds(30)};
  /// Written to the child's stdin, which is then closed; stdin is /dev/null when unset.
  /// Use this, never argv, for secrets: argv is world-readable in /proc.
  std::optional<std::string> input;
  /// Bytes kept of each of stdout and stderr; the rest is read and dropped.
  size_t output_limit = size_t{4} * 1024 * 1024;
};

struct RunResult {
  int exit_code = -1;      ///< when the child exited normally, else -1
  int signal = 0;          ///< the signal that ended it, else 0
  bool timed_out = false;  ///< we killed it at the deadline
  bool output_truncated = false;
  std::string out;
  std::string err;

  bool succeeded() const { return exit_code == 0 && !timed_out; }
};

/// Runs argv[0] (searched in PATH when it has no '/') with argv, without a shell, in its
/// own process group, and captures its output. An Error means it could not be started;
/// how it ended is in the RunResult.
Result<RunResult> run_program(const std::vector<std::string>& argv, const RunOptions& options = {});

}  // namespace image_agent

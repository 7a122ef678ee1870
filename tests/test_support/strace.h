#pragma once

// Running the built binary under strace to fail or kill it at one system call: the fault
// injection and kill-point tests (tests/guests/faults_test.cpp, kill_points_test.cpp).
// strace, not a hook in the platform layer: image-agent makes its file-system calls
// directly in a dozen places (RootFs, the path resolver, os.conf, the locks), and a hook
// in each would put test code into the release binary's hottest paths; strace reaches
// every call, the release binary included, and needs nothing compiled in.
#include <map>
#include <string>
#include <vector>

namespace image_agent::testing {

/// strace's path, or "" when it is missing or cannot trace here (no ptrace in a container).
std::string usable_strace();

/// How often `command` calls each of `syscalls` in one run (strace -f -c); the syscalls it
/// never calls are absent. `command` runs to its end, and changes what it changes.
std::map<std::string, int> count_syscalls(const std::string& strace, const std::vector<std::string>& syscalls,
                                          const std::vector<std::string>& command);

/// `command` under strace, which does `action` ("error=EIO", "signal=KILL",
/// "delay_enter=2000000") at the `k`-th call of `syscall` and traces nothing else (a seccomp
/// filter: the other calls run at full speed). LeakSanitizer cannot run under ptrace: it is
/// turned off in the traced program.
std::vector<std::string> under_strace(const std::string& strace, const std::string& syscall,
                                      const std::string& action, int k,
                                      const std::vector<std::string>& command);

/// Calls per syscall the default run fails or kills at (evenly spread, the first and the
/// last among them): the CI budget's share (tests/RELIABILITY.md).
constexpr int kSampledPoints = 6;

/// IMAGE_AGENT_EXHAUSTIVE=1: every call of every syscall, and all 200 random kill points.
bool exhaustive();

/// Which of a syscall's `calls` calls to fail or kill at: every one when exhaustive();
/// otherwise kSampledPoints of them, and under the sanitizers, where each run costs ten
/// times as much, only the middle one.
std::vector<int> sample_points(int calls);

/// True when this test binary (and so the image-agent built with it) runs under the
/// sanitizers: every run then costs ten times as much, so the exhaustive loops take a sample.
bool sanitized_build();

}  // namespace image_agent::testing

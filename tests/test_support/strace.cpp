#include "test_support/strace.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "platform/process.h"
#include "test_support/temp_dir.h"

namespace image_agent::testing {
namespace {

constexpr const char* kNoLeakCheck = "ASAN_OPTIONS=detect_leaks=0";

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ",") + name;
  return out;
}

}  // namespace

std::string usable_strace() {
  for (const char* candidate : {"/usr/bin/strace", "/bin/strace", "/usr/local/bin/strace"}) {
    if (::access(candidate, X_OK) != 0) continue;
    Result<RunResult> r = run_program({candidate, "-o", "/dev/null", "/bin/true"});
    if (r && r->exit_code == 0) return candidate;
  }
  return "";
}

std::map<std::string, int> count_syscalls(const std::string& strace, const std::vector<std::string>& syscalls,
                                          const std::vector<std::string>& command) {
  TempDir dir;
  std::vector<std::string> argv{strace,         "-f", "--seccomp-bpf", "-c", "-o",
                                dir / "counts", "-E", kNoLeakCheck,    "-e", "trace=" + joined(syscalls)};
  argv.insert(argv.end(), command.begin(), command.end());
  Result<RunResult> r = run_program(argv);
  if (!r) throw std::runtime_error(r.error().message);
  // "% time  seconds  usecs/call  calls  [errors]  syscall", then a "total" line.
  std::map<std::string, int> counts;
  std::istringstream table(read_file(dir / "counts"));
  for (std::string line; std::getline(table, line);) {
    std::istringstream fields(line);
    std::vector<std::string> f;
    for (std::string field; fields >> field;) f.push_back(field);
    if (f.size() < 5 || f.back() == "total" || f[3].find_first_not_of("0123456789") != std::string::npos)
      continue;
    counts[f.back()] = std::stoi(f[3]);
  }
  return counts;
}

std::vector<std::string> under_strace(const std::string& strace, const std::string& syscall,
                                      const std::string& action, int k,
                                      const std::vector<std::string>& command) {
  std::vector<std::string> argv{strace, "-f", "-qq", "-o", "/dev/null", "-E", kNoLeakCheck};
  // strace 6.1 does not deliver an injected signal to a call its seccomp filter stopped
  // (the call runs, nobody is killed): signals are injected the slow way, every call stopped.
  if (!action.starts_with("signal=")) argv.emplace_back("--seccomp-bpf");
  for (const std::string& e :
       {"trace=" + syscall, "inject=" + syscall + ":" + action + ":when=" + std::to_string(k)})
    argv.insert(argv.end(), {"-e", e});
  argv.insert(argv.end(), command.begin(), command.end());
  return argv;
}

bool exhaustive() {
  const char* value = std::getenv("IMAGE_AGENT_EXHAUSTIVE");
  return value != nullptr && std::string(value) == "1";
}

std::vector<int> sample_points(int calls) {
  if (calls <= 0) return {};
  if (!exhaustive() && sanitized_build()) return {(calls + 1) / 2};
  const int most = exhaustive() ? calls : kSampledPoints;
  // Evenly spread, the first and the last call always among them.
  std::vector<int> ks;
  for (int i = 0; i < std::min(calls, most); ++i) {
    const int k =
        most >= calls ? i + 1 : 1 + static_cast<int>(static_cast<long>(i) * (calls - 1) / (most - 1));
    if (ks.empty() || ks.back() != k) ks.push_back(k);
  }
  return ks;
}

bool sanitized_build() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

}  // namespace image_agent::testing

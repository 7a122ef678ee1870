#include "test_support/run_checked.h"

#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace image_agent::testing {

RunResult run_checked(const std::vector<std::string>& argv, std::optional<std::string> input) {
  RunOptions options;
  options.deadline = std::chrono::seconds(60);
  options.input = std::move(input);
  Result<RunResult> result = run_program(argv, options);
  if (!result) throw std::runtime_error(result.error().message);
  return std::move(*result);
}

std::string find_tool(const std::string& name) {
  for (const char* dir : {"/usr/sbin", "/usr/bin", "/sbin", "/bin"}) {
    std::string path = std::string(dir) + "/" + name;
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  return {};
}

std::string missing_tool(const std::string& tool, const std::string& package) {
  if (!find_tool(tool).empty()) return {};
  return tool + " is not installed (Debian package " + package + ", see packaging/install-deps)";
}

}  // namespace image_agent::testing

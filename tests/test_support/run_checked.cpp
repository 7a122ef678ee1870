#include "test_support/run_checked.h"

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

}  // namespace image_agent::testing

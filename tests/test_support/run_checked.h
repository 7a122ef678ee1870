#pragma once

// Running a program from a test: the oracles (netplan, ifquery, cloud-init), the built
// binary, cp. One deadline for all, so a hung child fails its test instead of the run.
#include <optional>
#include <string>
#include <vector>

#include "platform/process.h"

namespace image_agent::testing {

/// `argv` with `input` on its stdin and a 60 s deadline; throws when it cannot be started.
RunResult run_checked(const std::vector<std::string>& argv, std::optional<std::string> input = std::nullopt);

}  // namespace image_agent::testing

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

/// A tool's path in the usual directories, or "" when it is not installed.
std::string find_tool(const std::string& name);

/// Why a test of `tool` cannot run (not installed, and the Debian `package` that has it),
/// or "" when it can.
std::string missing_tool(const std::string& tool, const std::string& package);

}  // namespace image_agent::testing

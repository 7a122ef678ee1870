#pragma once

#include <span>
#include <string>

#include "cli/commands.h"

namespace image_agent::cli {

/// `image-agent precheck`: judge whether an instance from this guest will boot and can be
/// configured (agent/precheck/).
int run_precheck_command(const CommandContext& context, std::span<const std::string> args);

}  // namespace image_agent::cli

#pragma once

#include <span>
#include <string>

#include "cli/commands.h"

namespace image_agent::cli {

/// `image-agent sysprep`: removes what must not be cloned (host keys, machine-id,
/// histories, credentials, ...) from the guest at --root, or lists what it would remove.
int run_sysprep(const CommandContext& context, std::span<const std::string> args);

}  // namespace image_agent::cli

#pragma once

#include <span>
#include <string>

#include "cli/commands.h"

namespace image_agent::cli {

/// `image-agent firstboot`: apply os.conf to the guest (see the firstboot issue and
/// firstboot/firstboot.h).
int run_firstboot_command(const CommandContext& context, std::span<const std::string> args);

}  // namespace image_agent::cli

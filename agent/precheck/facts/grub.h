#pragma once

// precheck's view of the guest's boot loader: guest/grub.h's reader, called once per run
// (Context::fact) and shared by the bootloader item and the kernel facts.
#include "guest/grub.h"
#include "precheck/context.h"

namespace image_agent::precheck {

/// guest::read_boot_config on the checked root, once per run.
const guest::BootConfig& guest_boot_config(const Context& context);

}  // namespace image_agent::precheck

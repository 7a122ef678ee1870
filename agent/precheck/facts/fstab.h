#pragma once

// precheck's view of the guest's /etc/fstab: guest/fstab.h's reader, called once per run
// (Context::fact) and shared by the device items that judge mounts.
#include <vector>

#include "guest/fstab.h"
#include "precheck/context.h"

namespace image_agent::precheck {

/// guest::read_fstab on the checked root, once per run; empty when the guest has none or
/// it cannot be read.
const std::vector<guest::FstabEntry>& guest_fstab(const Context& context);

}  // namespace image_agent::precheck

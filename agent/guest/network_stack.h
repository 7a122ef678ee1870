#pragma once

// Which network stack configures the guest's NICs at boot, judged from its files alone
// (rule in network_stack.cpp). firstboot writes its configuration for that stack;
// precheck judges the same stack's files.
#include <string>

#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

/// "netplan", "networkmanager", "networkd", "ifupdown", "ifcfg-suse" or "ifcfg-rhel" (the
/// names of firstboot's backends); an error naming what was looked for when none matches.
Result<std::string> detect_network_stack(const RootFs& fs);

}  // namespace image_agent::guest

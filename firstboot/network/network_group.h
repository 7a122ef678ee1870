#pragma once

#include <string>

#include "firstboot/plan.h"
#include "firstboot/settings.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

/// The network group: the backend named `backend` (or the one the guest uses, when
/// empty), the kernel names of the NICs where that backend needs them, and its files.
/// `detail` gets "backend NAME" for the report.
Result<GroupPlan> plan_network(const RootFs& fs, const NetworkSettings& settings, const std::string& backend,
                               bool live, std::string* detail);

}  // namespace image_agent::firstboot

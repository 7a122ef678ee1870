#pragma once

// precheck's view of the guest's services: guest/services.h's rule, with the boot links
// read once per run (Context::fact) and shared by the items that ask about services.
#include <string_view>
#include <vector>

#include "guest/services.h"
#include "precheck/context.h"

namespace image_agent::precheck {

using guest::describe;
using guest::ServiceStatus;

/// guest::service_status on the checked root.
ServiceStatus service_status(const Context& context, const std::vector<std::string_view>& units,
                             std::string_view script);

}  // namespace image_agent::precheck

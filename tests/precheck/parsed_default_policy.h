#pragma once

#include "precheck/policy.h"

namespace image_agent::precheck::testing {

/// The compiled-in default policy, parsed once (a test fails loudly if it does not parse).
const Policy& default_policy();

}  // namespace image_agent::precheck::testing

#pragma once

#include <string_view>

#include "sysprep/context.h"
#include "sysprep/plan.h"

namespace image_agent::sysprep {

/// One sysprep operation: an id for the command line, what it removes (for --list),
/// whether it runs by default, and its planning step. Applying is common to all
/// operations (apply.h), so every change goes through the same checks.
struct Operation {
  std::string_view id;
  std::string_view removes;
  bool default_on = true;
  Plan (*plan)(const Context& context);
};

}  // namespace image_agent::sysprep

#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"
#include "sysprep/operation.h"

namespace image_agent::sysprep {

/// Every operation, in the order they run.
std::span<const Operation* const> operations();

/// The operation with `id`, or nullptr.
const Operation* find_operation(std::string_view id);

/// What to run, from the command line: `only` (--operations) replaces the default set;
/// `enable` and `disable` change it. Each is a list of ids; an unknown id is an error
/// naming it. The result keeps the registry's order.
Result<std::vector<const Operation*>> select_operations(const std::vector<std::string>& only,
                                                        const std::vector<std::string>& enable,
                                                        const std::vector<std::string>& disable);

}  // namespace image_agent::sysprep

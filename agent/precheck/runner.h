#pragma once

#include <chrono>
#include <vector>

#include "precheck/context.h"
#include "precheck/item.h"

namespace image_agent::precheck {

/// One item and what it decided.
struct Outcome {
  const Item* item = nullptr;
  Verdict verdict;
  /// No verdict by the deadline: the check still runs on an abandoned thread, so the
  /// process must leave without tearing down what it uses (std::_Exit).
  bool timed_out = false;
};

/// Whether any outcome timed out.
bool any_timed_out(const std::vector<Outcome>& outcomes);

struct RunnerOptions {
  /// An item without a verdict by then is WARNING ("no verdict within N s"); the others
  /// are not held up by it.
  std::chrono::milliseconds item_deadline{std::chrono::seconds(60)};
  unsigned threads = 4;
};

/// Runs `items` concurrently on a Boost.Asio thread pool and returns their outcomes in the
/// order given. A check that throws is FAILED with its message (a bug of ours must not pass
/// as OK); SKIPPED verdicts get the item's code_base + 99, internal errors + 98, timeouts + 97.
std::vector<Outcome> run_items(const Context& context, const std::vector<const Item*>& items,
                               const RunnerOptions& options);

}  // namespace image_agent::precheck

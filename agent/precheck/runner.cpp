#include "precheck/runner.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <exception>
#include <future>
#include <memory>
#include <mutex>

namespace image_agent::precheck {
namespace {

constexpr int kCodeTimeout = 97;
constexpr int kCodeInternal = 98;
constexpr int kCodeSkipped = 99;

std::string code(const Item& item, int cause) {
  return std::to_string(item.code_base + cause);
}

Verdict judge(const Context& context, const Item& item) {
  Verdict verdict;
  try {
    verdict = item.check(ItemContext(context, item));
  } catch (const std::exception& e) {
    verdict = Verdict{Status::kFailed,
                      code(item, kCodeInternal),
                      std::string("internal error in the check: ") + e.what(),
                      "report this as a bug of image-agent",
                      {}};
  }
  if (verdict.status == Status::kSkipped && verdict.error_code.empty())
    verdict.error_code = code(item, kCodeSkipped);
  if (verdict.status == Status::kOk) verdict.error_code = "0";
  return verdict;
}

}  // namespace

std::vector<Outcome> run_items(const Context& context, const std::vector<const Item*>& items,
                               const RunnerOptions& options) {
  // Heap-allocated and released on timeout: a hung check keeps its thread, and joining
  // the pool would hang the pipeline the deadline exists to protect.
  auto* pool = new boost::asio::thread_pool(options.threads);
  std::vector<std::future<Verdict>> futures;
  futures.reserve(items.size());
  for (const Item* item : items) {
    auto task =
        std::make_shared<std::packaged_task<Verdict()>>([&context, item] { return judge(context, *item); });
    futures.push_back(task->get_future());
    boost::asio::post(*pool, [task] { (*task)(); });
  }

  const auto deadline = std::chrono::steady_clock::now() + options.item_deadline;
  bool timed_out = false;
  std::vector<Outcome> outcomes;
  outcomes.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    if (futures[i].wait_until(deadline) == std::future_status::ready) {
      outcomes.push_back({items[i], futures[i].get()});
      continue;
    }
    timed_out = true;
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options.item_deadline).count();
    outcomes.push_back(
        {items[i],
         Verdict{Status::kWarning,
                 code(*items[i], kCodeTimeout),
                 "no verdict within the " + std::to_string(seconds) + " s deadline",
                 "find what hangs (a slow or unreachable disk, a huge file) and run precheck again",
                 {}},
         true});
  }
  if (timed_out) {
    // Abandoned, not destroyed: see above. Kept reachable, so it is no leak to a checker;
    // the process is about to report and exit.
    static std::mutex abandoned_mutex;
    static auto* abandoned = new std::vector<boost::asio::thread_pool*>();
    std::lock_guard lock(abandoned_mutex);
    abandoned->push_back(pool);
    pool->stop();
  } else {
    pool->join();
    delete pool;
  }
  return outcomes;
}

bool any_timed_out(const std::vector<Outcome>& outcomes) {
  for (const Outcome& outcome : outcomes) {
    if (outcome.timed_out) return true;
  }
  return false;
}

}  // namespace image_agent::precheck

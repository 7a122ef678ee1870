// What precheck costs in an image pipeline: every item of the aliyun profile on the machine
// it runs on (this build machine's real root), with the thread pool as the command uses it.
#include <benchmark/benchmark.h>

#include <set>

#include "precheck/policy.h"
#include "precheck/registry.h"
#include "precheck/runner.h"

namespace image_agent::precheck {
namespace {

void BM_PrecheckAliyunOnThisMachine(benchmark::State& state) {
  std::set<std::string, std::less<>> ids;
  for (std::string_view id : spec_item_ids()) ids.emplace(id);
  Result<Policy> policy = parse_policy(default_policy_yaml(), ids);
  Result<RootFs> fs = RootFs::open("/");
  std::vector<const Item*> items;
  for (const Item& item : all_items()) {
    if (policy->find("aliyun", item.id) != nullptr) items.push_back(&item);
  }
  RunnerOptions options;
  options.threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    Context context(*fs, *policy, "aliyun", true);  // facts are computed afresh each run
    benchmark::DoNotOptimize(run_items(context, items, options));
  }
  state.counters["items"] = static_cast<double>(items.size());
}
BENCHMARK(BM_PrecheckAliyunOnThisMachine)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ParseDefaultPolicy(benchmark::State& state) {
  std::set<std::string, std::less<>> ids;
  for (std::string_view id : spec_item_ids()) ids.emplace(id);
  for (auto _ : state) benchmark::DoNotOptimize(parse_policy(default_policy_yaml(), ids));
}
BENCHMARK(BM_ParseDefaultPolicy)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace image_agent::precheck

BENCHMARK_MAIN();

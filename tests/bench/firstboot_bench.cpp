// What firstboot costs on the boot path: parsing os.conf, planning every group, and a full
// run on a guest tree (apply, then the run of a later boot that finds nothing to change).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "firstboot/firstboot.h"
#include "firstboot/os_conf.h"
#include "test_support/seed_os_conf.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

constexpr const char* kClassic = testing::kSeedClassicOsConf;

void make_guest(const std::string& root) {
  testing::write_file(root + "/etc/shadow", "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", 0640);
  testing::write_file(root + "/etc/hostname", "localhost\n");
  testing::write_file(root + "/etc/hosts", "127.0.0.1\tlocalhost\n");
  testing::write_file(root + "/etc/resolv.conf", "nameserver 10.0.2.3\n");
  testing::write_file(root + "/etc/login.defs", "ENCRYPT_METHOD SHA512\n");
  testing::write_file(root + "/etc/network/interfaces", "source /etc/network/interfaces.d/*\n");
  std::filesystem::create_directories(root + "/etc/network/interfaces.d");
}

void BM_ParseOsConf(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(parse_os_conf(kClassic));
}
BENCHMARK(BM_ParseOsConf);

/// A first boot: every group planned and written (SHA-512 with 5000 rounds dominates).
void BM_FirstbootApplyClassic(benchmark::State& state) {
  testing::TempDir dir;
  const FirstbootOptions options{.live = false, .dry_run = false, .network_backend = "", .today = 20000};
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(dir / "root");
    make_guest(dir / "root");
    Result<RootFs> fs = RootFs::open(dir / "root");
    OsConf conf = parse_os_conf(kClassic);
    state.ResumeTiming();
    FirstbootReport report = run_firstboot(*fs, conf, options);
    if (report.failed()) state.SkipWithError("firstboot failed");
  }
}
BENCHMARK(BM_FirstbootApplyClassic)->Unit(benchmark::kMillisecond);

/// The same os.conf again (the cloud rewrote it unchanged): everything verified, nothing written.
void BM_FirstbootRerunUnchanged(benchmark::State& state) {
  testing::TempDir dir;
  make_guest(dir / "root");
  Result<RootFs> fs = RootFs::open(dir / "root");
  const FirstbootOptions options{.live = false, .dry_run = false, .network_backend = "", .today = 20000};
  OsConf conf = parse_os_conf(kClassic);
  if (run_firstboot(*fs, conf, options).failed()) state.SkipWithError("first run failed");
  for (auto _ : state) {
    FirstbootReport report = run_firstboot(*fs, conf, options);
    if (report.failed()) state.SkipWithError("rerun failed");
  }
}
BENCHMARK(BM_FirstbootRerunUnchanged)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace image_agent::firstboot

BENCHMARK_MAIN();

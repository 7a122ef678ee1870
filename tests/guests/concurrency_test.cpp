// Two `image-agent firstboot` runs on one root at the same time (the unit and a run by
// hand, or two jobs on one mounted image): the second waits for the first and then finds
// os.conf gone, saying so; /etc/shadow is never corrupted; the tree ends as after a
// single run.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "fault_roots.h"
#include "test_support/strace.h"
#include "test_support/temp_dir.h"

namespace image_agent::guests {
namespace {

using testing::describe_differences;
using testing::TempDir;
using testing::TreeState;

/// How often a settings group was applied or found configured in `log`: a run that
/// planned at all reports each of the four.
int groups_reported(const std::string& log) {
  int n = 0;
  for (std::string group : {"hostname", "password", "network", "dns"}) {
    for (std::string status : {": applied", ": already configured"}) {
      for (size_t at = log.find(group + status); at != std::string::npos;
           at = log.find(group + status, at + 1))
        ++n;
    }
  }
  return n;
}

class Concurrency : public ::testing::Test {
 protected:
  void SetUp() override {
    make_firstboot_root(pristine_ / "root");
    TempDir reference;
    copy_tree(pristine_ / "root", reference / "root");
    RunResult run = run_checked(firstboot_command(reference / "root"));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    single_ = guest_state(reference / "root");
  }

  /// Waits until some process holds the run lock of `root` (an flock on the directory).
  static bool wait_until_locked(const std::string& root) {
    int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    bool locked = false;
    for (int i = 0; i < 3000 && !locked; ++i) {
      if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        ::flock(fd, LOCK_UN);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      } else {
        locked = true;
      }
    }
    ::close(fd);
    return locked;
  }

  TempDir pristine_;
  TreeState single_;
};

TEST_F(Concurrency, SecondRunWaitsForTheFirstStoppedMidRun) {
  const std::string strace = testing::usable_strace();
  if (strace.empty()) GTEST_SKIP() << "SKIPPED: strace is missing or cannot trace here (ptrace denied)";
  TempDir dir;
  copy_tree(pristine_ / "root", dir / "root");
  // The first run stalls 1.5 s in its third fsync: mid-run, one group written, the others not.
  auto first = std::async(std::launch::async, [&] {
    return run_checked(
        testing::under_strace(strace, "fsync", "delay_enter=1500000", 3, firstboot_command(dir / "root")));
  });
  ASSERT_TRUE(wait_until_locked(dir / "root")) << "the first run never took the lock";
  RunResult second = run_checked(firstboot_command(dir / "root"));
  RunResult one = first.get();

  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(groups_reported(one.err), 4) << one.err;
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("waiting for it to finish"), std::string::npos) << second.err;
  EXPECT_EQ(groups_reported(second.err), 0) << "the second run planned from a half-written tree:\n"
                                            << second.err;
  EXPECT_NE(second.err.find("no os.conf found"), std::string::npos) << second.err;
  // The shadow mask says "<wrong hash>" for anything but a whole, verifying root entry.
  EXPECT_EQ(describe_differences(single_, guest_state(dir / "root")), "");
}

TEST_F(Concurrency, TwoRunsStartedTogetherApplyOnce) {
  // Fewer under the sanitizers, where each run costs ten times as much.
  const int kRounds = testing::sanitized_build() ? 2 : 8;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    TempDir dir;
    copy_tree(pristine_ / "root", dir / "root");
    auto a = std::async(std::launch::async, [&] { return run_checked(firstboot_command(dir / "root")); });
    auto b = std::async(std::launch::async, [&] { return run_checked(firstboot_command(dir / "root")); });
    RunResult ra = a.get();
    RunResult rb = b.get();
    EXPECT_EQ(ra.exit_code, 0) << ra.err;
    EXPECT_EQ(rb.exit_code, 0) << rb.err;
    EXPECT_EQ(groups_reported(ra.err) + groups_reported(rb.err), 4)
        << "both runs planned: one must wait and find os.conf gone\n"
        << ra.err << "----\n"
        << rb.err;
    EXPECT_EQ(describe_differences(single_, guest_state(dir / "root")), "");
  }
  std::printf("concurrent pairs: %d (plus one with the first stopped mid-run)\n", kRounds);
}

}  // namespace
}  // namespace image_agent::guests

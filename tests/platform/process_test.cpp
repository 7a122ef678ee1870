#include "platform/process.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>

namespace image_agent {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

TEST(RunProgram, CapturesOutputAndExitCode) {
  Result<RunResult> r = run_program({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
  EXPECT_FALSE(r->timed_out);
  EXPECT_FALSE(r->succeeded());
}

TEST(RunProgram, SearchesPathAndPassesArgumentsWithoutShell) {
  Result<RunResult> r = run_program({"printf", "%s|", "a b", "$(id)", "*"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->succeeded());
  EXPECT_EQ(r->out, "a b|$(id)|*|");
}

TEST(RunProgram, FeedsInputOnStdin) {
  RunOptions options;
  options.input = std::string("line one\nline two\n");
  Result<RunResult> r = run_program({"cat"}, options);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->out, "line one\nline two\n");
}

TEST(RunProgram, StdinIsEmptyWithoutInput) {
  Result<RunResult> r = run_program({"cat"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->succeeded());
  EXPECT_EQ(r->out, "");
}

TEST(RunProgram, ChildIgnoringLargeInputDoesNotKillUs) {
  RunOptions options;
  options.input = std::string(1 << 20, 'x');  // more than a pipe holds: the write hits EPIPE
  Result<RunResult> r = run_program({"true"}, options);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->succeeded());
}

TEST(RunProgram, KillsChildAtDeadline) {
  RunOptions options;
  options.deadline = milliseconds(300);
  auto start = Clock::now();
  Result<RunResult> r = run_program({"sleep", "30"}, options);
  auto elapsed = Clock::now() - start;
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->timed_out);
  EXPECT_EQ(r->signal, SIGKILL);
  EXPECT_EQ(r->exit_code, -1);
  EXPECT_LT(elapsed, std::chrono::seconds(10));
}

TEST(RunProgram, KillsGrandchildrenHoldingThePipes) {
  RunOptions options;
  options.deadline = milliseconds(300);
  auto start = Clock::now();
  // The shell's background child keeps stdout open; it is in the same process group.
  Result<RunResult> r = run_program({"/bin/sh", "-c", "sleep 30 & echo started; wait"}, options);
  auto elapsed = Clock::now() - start;
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->timed_out);
  EXPECT_EQ(r->out, "started\n");
  EXPECT_LT(elapsed, std::chrono::seconds(10));
}

TEST(RunProgram, ChildThatClosesOutputStillMeetsTheDeadline) {
  RunOptions options;
  options.deadline = milliseconds(300);
  Result<RunResult> r = run_program({"/bin/sh", "-c", "exec >&- 2>&-; sleep 30"}, options);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->timed_out);
}

TEST(RunProgram, ReportsTerminatingSignal) {
  Result<RunResult> r = run_program({"/bin/sh", "-c", "kill -TERM $$"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->signal, SIGTERM);
  EXPECT_FALSE(r->timed_out);
}

TEST(RunProgram, MissingProgramIsAnError) {
  Result<RunResult> r = run_program({"/nonexistent/program"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ENOENT);
  EXPECT_NE(r.error().message.find("/nonexistent/program"), std::string::npos);
  EXPECT_FALSE(run_program({}));
}

TEST(RunProgram, KeepsOnlyOutputLimit) {
  RunOptions options;
  options.output_limit = 10;
  Result<RunResult> r = run_program({"/bin/sh", "-c", "head -c 100000 /dev/zero"}, options);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->succeeded()) << "the child must not block on a full pipe";
  EXPECT_EQ(r->out.size(), 10U);
  EXPECT_TRUE(r->output_truncated);
}

}  // namespace
}  // namespace image_agent

// precheck and sysprep, the built binary, on hostile roots (hostile_roots.h) under strace:
// precheck gives its verdicts within its --timeout, as valid JSON, and writes nothing;
// sysprep's dry run changes nothing anywhere, and its run changes nothing outside the root
// (the canary files the links point to and the bind mount shows stay byte for byte).
// Neither executes anything. As root, and as nobody where the root has unreadable
// directories.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>

#include "guests/fault_roots.h"
#include "hostile/hostile_roots.h"
#include "test_support/strace.h"
#include "test_support/temp_dir.h"
#include "test_support/traced_run.h"
#include "test_support/tree_state.h"

namespace image_agent::hostile {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::TreeState;
using testing::write_file;

/// precheck's --timeout, each item's deadline; the run must end well within one more.
constexpr int kItemTimeout = 10;
constexpr auto kPrecheckDeadline = std::chrono::seconds(15);
/// sysprep has no deadline of its own: a run takes well under a second.
constexpr auto kSysprepDeadline = std::chrono::seconds(15);

const char* const kSetpriv = "/usr/bin/setpriv";

/// The guest root and the canary directory beside it, with the hostility planted.
class Planted {
 public:
  /// `make` builds the realistic root first; returns why the hostility cannot be planted.
  std::string plant(const HostileRoot& hostile, const std::function<void(const std::string&)>& make) {
    // Traversable by nobody; everything of its own stays as the copy made it.
    ::chmod(dir_.path().c_str(), 0755);
    make(root());
    for (const auto& [path, content] : canaries()) write_file(outside() + "/" + path, content);
    return hostile.plant(root(), outside());
  }
  ~Planted() {
    // Unmount before TempDir removes the tree, or it would empty the outside through it.
    for (const char* mount_point : {"/var/cache/apt/archives", "/tmp/host"})
      ::umount2((root() + mount_point).c_str(), MNT_DETACH);
    // Mode 000 directories would keep their contents from being removed by nobody but
    // root; restore them so the TempDir goes whole.
    for (auto it =
             fs::recursive_directory_iterator(dir_.path(), fs::directory_options::skip_permission_denied);
         it != fs::recursive_directory_iterator(); ++it) {
      if (it->is_directory(ignored_) && !it->is_symlink(ignored_)) ::chmod(it->path().c_str(), 0755);
    }
  }
  std::string root() const { return dir_ / "root"; }
  std::string outside() const { return dir_ / "outside"; }

 private:
  TempDir dir_;
  std::error_code ignored_;
};

/// `args` for the binary, as nobody when asked.
std::vector<std::string> command(const HostileRoot& hostile, std::vector<std::string> args) {
  std::vector<std::string> argv;
  if (hostile.as_nobody) argv = {kSetpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
  argv.emplace_back(IMAGE_AGENT_BINARY);
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::vector<std::string> expected_programs(const HostileRoot& hostile) {
  if (hostile.as_nobody) return {kSetpriv, IMAGE_AGENT_BINARY};
  return {IMAGE_AGENT_BINARY};
}

/// Why the test cannot run here, or "".
std::string unusable(const HostileRoot& hostile, std::string* strace) {
  *strace = testing::usable_strace();
  if (strace->empty()) return "SKIPPED: strace is missing or cannot trace here (ptrace denied)";
  if (::geteuid() != 0) return "SKIPPED: needs root (device nodes, mode 000 directories as root, setpriv)";
  if (hostile.as_nobody && ::access(kSetpriv, X_OK) != 0) return "SKIPPED: no setpriv to run as nobody";
  return "";
}

std::string first_lines(const std::string& text) {
  return text.size() > 3000 ? text.substr(0, 3000) + "..." : text;
}

class PrecheckHostileRoot : public ::testing::TestWithParam<HostileRoot> {};

TEST_P(PrecheckHostileRoot, JudgesWithinItsTimeoutInValidJsonWritingAndRunningNothing) {
  const HostileRoot& hostile = GetParam();
  std::string strace;
  if (std::string why = unusable(hostile, &strace); !why.empty()) GTEST_SKIP() << why;
  Planted planted;
  if (std::string why = planted.plant(hostile, guests::make_firstboot_root); !why.empty())
    GTEST_SKIP() << "SKIPPED: " << why;
  const TreeState root_before = testing::tree_state(planted.root());
  const TreeState outside_before = testing::tree_state(planted.outside());

  testing::TracedRun run = testing::run_traced(
      strace,
      command(hostile, {"precheck", "--root", planted.root(), "--profile", "aliyun-customized", "--json",
                        "--timeout", std::to_string(kItemTimeout)}),
      4 * kPrecheckDeadline);
  ASSERT_FALSE(run.result.timed_out) << "precheck hung: still running after " << 4 * kPrecheckDeadline.count()
                                     << " s\n"
                                     << first_lines(run.result.err);
  EXPECT_LT(run.wall, kPrecheckDeadline) << first_lines(run.result.err);
  // Judged: 0 (no FAILED item) or 1 (some FAILED); never a usage error or a crash.
  EXPECT_TRUE(run.result.exit_code == 0 || run.result.exit_code == 1)
      << run.result.exit_code << " signal " << run.result.signal << "\n"
      << first_lines(run.result.err);
  boost::system::error_code error;
  boost::json::value report = boost::json::parse(run.result.out, error);
  ASSERT_FALSE(error) << error.message() << "\n" << first_lines(run.result.out);
  ASSERT_TRUE(report.is_object() && report.as_object().contains("check_items"))
      << first_lines(run.result.out);
  EXPECT_FALSE(report.at("check_items").as_array().empty());

  EXPECT_EQ(run.executed, expected_programs(hostile));
  EXPECT_EQ(testing::written_outside(run, "/nonexistent"), std::vector<std::string>{})
      << "precheck is read-only";
  EXPECT_EQ(testing::describe_differences(root_before, testing::tree_state(planted.root())), "");
  EXPECT_EQ(testing::describe_differences(outside_before, testing::tree_state(planted.outside())), "");
}

INSTANTIATE_TEST_SUITE_P(Hostile, PrecheckHostileRoot, ::testing::ValuesIn(precheck_roots()),
                         [](const ::testing::TestParamInfo<HostileRoot>& param) { return param.param.name; });

class SysprepHostileRoot : public ::testing::TestWithParam<HostileRoot> {};

TEST_P(SysprepHostileRoot, DryRunChangesNothingAndRunChangesNothingOutsideTheRoot) {
  const HostileRoot& hostile = GetParam();
  std::string strace;
  if (std::string why = unusable(hostile, &strace); !why.empty()) GTEST_SKIP() << why;
  Planted planted;
  if (std::string why = planted.plant(hostile, guests::make_sysprep_root); !why.empty())
    GTEST_SKIP() << "SKIPPED: " << why;
  const TreeState root_before = testing::tree_state(planted.root());
  const TreeState outside_before = testing::tree_state(planted.outside());

  testing::TracedRun dry = testing::run_traced(
      strace, command(hostile, {"sysprep", "--root", planted.root(), "--dry-run"}), 4 * kSysprepDeadline);
  ASSERT_FALSE(dry.result.timed_out) << "sysprep --dry-run hung\n" << first_lines(dry.result.err);
  EXPECT_LT(dry.wall, kSysprepDeadline);
  EXPECT_TRUE(dry.result.exit_code == 0 || dry.result.exit_code == 1) << first_lines(dry.result.err);
  EXPECT_EQ(dry.executed, expected_programs(hostile));
  EXPECT_EQ(testing::written_outside(dry, "/nonexistent"), std::vector<std::string>{})
      << "a dry run writes nothing";
  EXPECT_EQ(testing::describe_differences(root_before, testing::tree_state(planted.root())), "");
  EXPECT_EQ(testing::describe_differences(outside_before, testing::tree_state(planted.outside())), "");

  testing::TracedRun run = testing::run_traced(
      strace, command(hostile, {"sysprep", "--root", planted.root()}), 4 * kSysprepDeadline);
  ASSERT_FALSE(run.result.timed_out) << "sysprep hung\n" << first_lines(run.result.err);
  EXPECT_LT(run.wall, kSysprepDeadline);
  // 0 when every operation succeeded, 1 when one failed (as nobody, most do).
  EXPECT_TRUE(run.result.exit_code == 0 || run.result.exit_code == 1)
      << run.result.exit_code << " signal " << run.result.signal << "\n"
      << first_lines(run.result.err);
  if (hostile.as_nobody) {
    EXPECT_EQ(run.result.exit_code, 1) << "nobody cannot remove root's files: sysprep must say it failed";
  }
  EXPECT_EQ(run.executed, expected_programs(hostile));
  EXPECT_FALSE(run.written.empty()) << "sysprep removes files: a trace without them sees nothing";
  EXPECT_EQ(testing::written_outside(run, planted.root()), std::vector<std::string>{});
  // The bind-mount case plants a bind mount of the outside inside the root: sysprep must
  // leave that other mount alone (issue 15 #2), not empty the host's files through it.
  EXPECT_EQ(testing::describe_differences(outside_before, testing::tree_state(planted.outside())), "");
}

INSTANTIATE_TEST_SUITE_P(Hostile, SysprepHostileRoot, ::testing::ValuesIn(sysprep_roots()),
                         [](const ::testing::TestParamInfo<HostileRoot>& param) { return param.param.name; });

}  // namespace
}  // namespace image_agent::hostile

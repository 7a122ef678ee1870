// The hostile os.conf corpus (issue 15): each input run through the built binary,
// `image-agent firstboot --root ROOT`, on a fresh copy of Debian 12's stock root under
// strace, and held to what tests/data/hostile/osconf/EXPECTED documents for it: the exit
// status, each group applied, refused or absent, the message; the applied groups' files
// changed and nothing else; /etc/shadow old or with a hash that verifies the password;
// os.conf gone, kept, or kept without its password line. Whatever the input: nothing
// executed, nothing written outside the root, no temp file left, done within the deadline.
#include <crypt.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "guests/fault_roots.h"
#include "hostile/os_conf_corpus.h"
#include "test_support/strace.h"
#include "test_support/temp_dir.h"
#include "test_support/traced_run.h"
#include "test_support/tree_state.h"

namespace image_agent::hostile {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;
using testing::TreeState;
using testing::write_file;

/// How long a run may take: a tenth of a second, a second or two under the sanitizers
/// (where everything costs ten times as much) on a busy machine.
std::chrono::seconds deadline() {
  return std::chrono::seconds(testing::sanitized_build() ? 30 : 10);
}

/// Where the injected commands would leave their mark, had any run.
constexpr const char* kMarker = "/tmp/image-agent-hostile-pwned";

/// The paths each group writes on Debian 12 (ifupdown, a plain resolv.conf); the first
/// is the one an applied group always changes.
const std::map<std::string, std::vector<std::string>>& group_paths() {
  static const std::map<std::string, std::vector<std::string>> paths{
      {"hostname", {"/etc/hostname", "/etc/hosts"}},
      {"password", {"/etc/shadow", "/etc/shadow-"}},
      {"network",
       {"/etc/network/interfaces.d/image-agent", "/etc/systemd/network",
        "/etc/systemd/network/10-image-agent-eth0.link"}},
      {"dns", {"/etc/resolv.conf"}},
  };
  return paths;
}

/// What firstboot's log says of `group`.
GroupOutcome reported(const std::string& err, const std::string& group) {
  if (err.find("image-agent: " + group + ": applied") != std::string::npos) return GroupOutcome::kApplied;
  if (err.find("image-agent: error: " + group + ": not applied") != std::string::npos)
    return GroupOutcome::kRefused;
  return GroupOutcome::kAbsent;
}

const char* name_of(GroupOutcome outcome) {
  switch (outcome) {
    case GroupOutcome::kApplied:
      return "applied";
    case GroupOutcome::kRefused:
      return "refused";
    case GroupOutcome::kAbsent:
      break;
  }
  return "-";
}

/// The whole file of a state ("MODE UID:GID CONTENT"), or "" for an absent path.
std::string content_of(const TreeState& state, const std::string& path) {
  auto it = state.find(path);
  if (it == state.end()) return "";
  return it->second.substr(it->second.find(' ', it->second.find(' ') + 1) + 1);
}

/// os.conf without its `password=` lines: what firstboot must leave once the password is
/// set and another group failed.
std::string without_password_lines(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const std::string key = line.substr(0, line.find('='));
    const size_t first = key.find_first_not_of(" \t");
    const size_t last = key.find_last_not_of(" \t");
    const bool password = line.find('=') != std::string::npos && first != std::string::npos &&
                          key.substr(first, last - first + 1) == "password";
    if (!password) out += line + (in.eof() ? "" : "\n");
  }
  return out;
}

/// Whether root's hash in `shadow` verifies `password`, by libcrypt itself.
bool root_hash_verifies(const std::string& shadow, const std::string& password) {
  if (!shadow.starts_with("root:")) return false;
  const std::string hash = shadow.substr(5, shadow.find(':', 5) - 5);
  auto data = std::make_unique<crypt_data>();
  const char* computed = crypt_r(password.c_str(), hash.c_str(), data.get());
  return computed != nullptr && hash == computed;
}

/// "" when `actual` is `expected`, else where they part (whole files would drown the log).
std::string difference(const std::string& actual, const std::string& expected) {
  if (actual == expected) return "";
  size_t at = 0;
  while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) ++at;
  const size_t from = at < 40 ? 0 : at - 40;
  return "sizes " + std::to_string(actual.size()) + " and " + std::to_string(expected.size()) +
         ", first difference at byte " + std::to_string(at) + ": '" + actual.substr(from, 80) +
         "' instead of '" + expected.substr(from, 80) + "'";
}

std::string without_first_line(const std::string& text) {
  const size_t end = text.find('\n');
  return end == std::string::npos ? "" : text.substr(end + 1);
}

class HostileOsConf : public ::testing::TestWithParam<OsConfCase> {};

TEST_P(HostileOsConf, OutcomeAsDocumentedNothingExecutedNothingWrittenOutsideTheRoot) {
  const std::string strace = testing::usable_strace();
  if (strace.empty()) GTEST_SKIP() << "SKIPPED: strace is missing or cannot trace here (ptrace denied)";
  const OsConfCase& c = GetParam();
  TempDir dir;
  const std::string root = dir / "root";
  guests::make_firstboot_root(root);
  const std::string os_conf = c.content();
  write_file(root + guests::kOsConfPath, os_conf, 0600);
  // Beside the root, what a run that escaped it would reach first.
  write_file(dir / "outside/etc/shadow", "root:$6$host$notyours:19700:0:99999:7:::\n", 0640);
  write_file(dir / "outside/canary", "outside the root\n");
  const TreeState outside_before = testing::tree_state(dir / "outside");
  const TreeState before = testing::tree_state(root);
  const bool marker_before = fs::exists(kMarker);

  testing::TracedRun run = testing::run_traced(strace, guests::firstboot_command(root), 2 * deadline());
  const std::string& err = run.result.err;
  ASSERT_FALSE(run.result.timed_out) << "still running after " << 2 * deadline().count() << " s";
  EXPECT_LT(run.wall, deadline());

  // The documented outcome.
  // Its stderr, cut short for the failure messages: a 1 MiB value is quoted back.
  const std::string log = err.size() > 4000 ? err.substr(0, 4000) + "..." : err;
  EXPECT_EQ(run.result.exit_code, c.exit_code) << log;
  for (size_t i = 0; i < kGroups.size(); ++i) {
    EXPECT_STREQ(name_of(reported(err, kGroups[i])), name_of(c.groups[i])) << kGroups[i] << "\n" << log;
  }
  EXPECT_NE(err.find(c.message), std::string::npos) << "no '" << c.message << "' in:\n" << log;

  // Nothing executed, nothing written outside the root.
  EXPECT_EQ(run.executed, std::vector<std::string>{IMAGE_AGENT_BINARY});
  EXPECT_EQ(testing::written_outside(run, root), std::vector<std::string>{});
  EXPECT_EQ(testing::tree_state(dir / "outside"), outside_before);
  if (!marker_before) {
    EXPECT_FALSE(fs::exists(kMarker)) << "an injected command ran";
  }

  // Inside the root: the applied groups' files and nothing else.
  const TreeState after = testing::tree_state(root);
  std::set<std::string> changed;
  for (const TreeState* s : {&before, &after}) {
    for (const auto& [path, state] : *s) {
      auto b = before.find(path);
      auto a = after.find(path);
      if (b == before.end() || a == after.end() || b->second != a->second) changed.insert(path);
    }
  }
  changed.erase(guests::kOsConfPath);
  // shadow-utils' lock file, empty, made by every run that sets out to change /etc/shadow.
  changed.erase("/etc/.pwd.lock");
  for (size_t i = 0; i < kGroups.size(); ++i) {
    const std::vector<std::string>& paths = group_paths().at(kGroups[i]);
    if (c.groups[i] == GroupOutcome::kApplied) {
      EXPECT_TRUE(changed.count(paths.front())) << kGroups[i];
      // The trace saw that write too: it is not blind to what it must judge.
      const std::string written = root + paths.front();
      EXPECT_TRUE(std::any_of(run.written.begin(), run.written.end(),
                              [&](const std::string& entry) { return entry.ends_with(" " + written); }))
          << written << " is not in the trace";
    }
    for (const std::string& path : paths) {
      if (changed.erase(path) && c.groups[i] != GroupOutcome::kApplied)
        ADD_FAILURE() << path << " changed, yet " << kGroups[i] << " is " << name_of(c.groups[i]);
    }
  }
  EXPECT_EQ(changed, std::set<std::string>{}) << "changed by no group";

  // /etc/shadow never torn: as it was, or root's new hash verifying the password and
  // every other line as it was.
  const std::string shadow = content_of(after, "/etc/shadow");
  if (c.groups[1] == GroupOutcome::kApplied) {
    EXPECT_TRUE(root_hash_verifies(shadow, c.password)) << shadow;
    EXPECT_EQ(difference(without_first_line(shadow), without_first_line(content_of(before, "/etc/shadow"))),
              "");
  } else {
    EXPECT_EQ(difference(shadow, content_of(before, "/etc/shadow")), "");
  }

  // os.conf: gone after full success; kept for the retry otherwise, without the password
  // once that is set.
  if (c.exit_code == 0) {
    EXPECT_FALSE(after.count(guests::kOsConfPath)) << "os.conf holds the password: it must go";
  } else if (c.groups[1] == GroupOutcome::kApplied) {
    EXPECT_EQ(difference(content_of(after, guests::kOsConfPath), without_password_lines(os_conf)), "");
  } else {
    EXPECT_EQ(difference(content_of(after, guests::kOsConfPath), os_conf), "");
  }
}

std::vector<OsConfCase> selected() {
  std::vector<OsConfCase> out;
  for (OsConfCase& c : os_conf_cases()) {
    if (c.sanitized || !testing::sanitized_build()) out.push_back(std::move(c));
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Corpus, HostileOsConf, ::testing::ValuesIn(selected()),
                         [](const ::testing::TestParamInfo<OsConfCase>& param) {
                           return param.param.test_name();
                         });

}  // namespace
}  // namespace image_agent::hostile

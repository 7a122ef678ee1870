// Secrets (issue 15): os.conf's root password, as plaintext or as the cloud's Base64,
// appears nowhere but in root's hash in /etc/shadow: not on stdout or stderr (the journal
// gets the same message text, with only group names and file paths as extra fields), not
// in the argv or environment of any program started, not in a precheck report, not in any
// file left in the root (temp files, the /etc/shadow- backup, os.conf once used) or next
// to it; and the backup of /etc/shadow is as closed as /etc/shadow itself. The built binary
// on Debian 12's stock root, each run under strace to see every execve and the calls that
// keep the password out of core files.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fault_roots.h"
#include "test_support/strace.h"
#include "test_support/temp_dir.h"

namespace image_agent::guests {
namespace {

using testing::read_file;
using testing::TempDir;
using testing::write_file;

/// A password that occurs nowhere by chance; the cloud encodes it with a final newline.
constexpr std::string_view kPlaintext = "Pl41n-Txt.Unl1kely_42";
constexpr std::string_view kBase64 = "UGw0MW4tVHh0LlVubDFrZWx5XzQyCg==";
/// The Base64 with and without that newline share this prefix: found, either leaked.
constexpr std::string_view kBase64Prefix = "UGw0MW4tVHh0LlVubDFrZWx5";

/// The secret forms `text` holds, "" when none.
std::string secrets_in(std::string_view text) {
  std::string found;
  for (std::string_view needle : {kPlaintext, kBase64Prefix}) {
    if (text.find(needle) != std::string_view::npos)
      found += (found.empty() ? "" : ", ") + std::string(needle);
  }
  return found;
}

/// os.conf of the seed's VPC instance with the distinctive password.
std::string os_conf() {
  std::string conf = read_file(std::string(OS_CONF_DATA) + "/vpc.conf");
  const size_t start = conf.find("password=") + 9;
  return conf.replace(start, conf.find('\n', start) - start, kBase64);
}

/// /etc/shadow with root's hash field left out: the one place the password may leave a trace.
std::string without_root_hash(std::string shadow) {
  const size_t line = shadow.compare(0, 5, "root:") == 0 ? 0 : shadow.find("\nroot:") + 1;
  const size_t start = shadow.find(':', line) + 1;
  return shadow.erase(start, shadow.find(':', start) - start);
}

/// Every file under `top` (symlinks not followed; their targets checked as text) whose
/// name or content holds a secret, "path: which" per line.
std::string files_with_secrets(const std::string& top, const std::string& shadow) {
  std::string found;
  namespace fs = std::filesystem;
  for (auto it = fs::recursive_directory_iterator(top, fs::directory_options::none); it != fs::end(it);
       ++it) {
    const fs::path& path = it->path();
    std::string content = path.string();
    if (it->is_symlink()) {
      content += " -> " + fs::read_symlink(path).string();
    } else if (it->is_regular_file()) {
      content += "\n" + read_file(path);
      if (path == shadow) content = without_root_hash(read_file(path));
    }
    if (std::string which = secrets_in(content); !which.empty()) found += path.string() + ": " + which + "\n";
  }
  return found;
}

struct Traced {
  RunResult run;
  std::string trace;  ///< strace's log: every execve (argv and environment), prctl, ...
};

class Secrets : public ::testing::Test {
 protected:
  void SetUp() override {
    strace_ = testing::usable_strace();
    if (strace_.empty()) GTEST_SKIP() << "strace is missing or cannot trace here (no ptrace)";
  }

  /// `command` under strace -f: every execve with its whole argv and environment, and the
  /// calls that keep a password out of core files, in order with the opening of os.conf.
  Traced traced(const std::vector<std::string>& command) {
    const std::string log = dir_ / ("strace." + std::to_string(++runs_));
    std::vector<std::string> argv{strace_, "-f",
                                  "-qq",   "-v",
                                  "-s",    "4096",
                                  "-o",    log,
                                  "-E",    "ASAN_OPTIONS=detect_leaks=0",
                                  "-e",    "trace=execve,prctl,setrlimit,prlimit64,openat,openat2"};
    argv.insert(argv.end(), command.begin(), command.end());
    Traced t{run_checked(argv), read_file(log)};
    std::filesystem::remove(log);  // checked here; the tree sweep covers what is left
    EXPECT_EQ(secrets_in(t.run.out), "") << t.run.out;
    EXPECT_EQ(secrets_in(t.run.err), "") << t.run.err;
    std::string children;
    std::istringstream lines(t.trace);
    for (std::string line; std::getline(lines, line);) {
      if (line.find("execve(") != std::string::npos) children += line + "\n";
    }
    EXPECT_NE(children, "") << "strace saw no execve: nothing was checked";
    EXPECT_EQ(secrets_in(children), "") << children;
    EXPECT_EQ(secrets_in(t.trace), "") << t.trace;
    return t;
  }

  /// firstboot (as the fault tests run it) with `extra` options.
  Traced firstboot(const std::string& root, std::vector<std::string> extra = {}) {
    std::vector<std::string> command = firstboot_command(root);
    command.insert(command.end(), extra.begin(), extra.end());
    return traced(command);
  }

  static mode_t mode_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
  }
  static gid_t group_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_gid;
  }

  std::string strace_;
  TempDir dir_;
  int runs_ = 0;
};

/// Where the password is in memory, core files are off: PR_SET_DUMPABLE 0 and RLIMIT_CORE
/// 0 before os.conf is first opened.
void expect_no_core_before_os_conf(const std::string& trace) {
  const size_t os_conf = trace.find(std::string(kOsConfPath) + "\"");
  const size_t dumpable = trace.find("prctl(PR_SET_DUMPABLE, SUID_DUMP_DISABLE");
  const size_t core = trace.find("RLIMIT_CORE, {rlim_cur=0, rlim_max=0}");
  ASSERT_NE(os_conf, std::string::npos) << trace;
  EXPECT_LT(dumpable, os_conf) << "core dumps possible while the password is in memory:\n" << trace;
  EXPECT_LT(core, os_conf) << trace;
}

TEST_F(Secrets, NoRunLeavesThePasswordAnywhereButInRootsHash) {
  // The guest with a user stanza for eth0: the network group (after the password) fails.
  const std::string root = dir_ / "root";
  make_firstboot_root(root);
  write_file(root + kOsConfPath, os_conf(), 0600);
  write_file(root + "/etc/network/interfaces.d/eth0",
             "auto eth0\niface eth0 inet static\n address 10.0.0.9/24\n");
  const mode_t shadow_mode = mode_of(root + "/etc/shadow");
  ASSERT_EQ(files_with_secrets(root, root + "/etc/shadow"),
            root + kOsConfPath + ": " + std::string(kBase64Prefix) + "\n")
      << "the sweep finds the password where it is";
  ASSERT_FALSE(std::filesystem::exists(root + "/etc/shadow-")) << "the fixture has no backup yet";

  RunResult report = run_checked({IMAGE_AGENT_BINARY, "precheck", "--root", root, "--json"});
  EXPECT_EQ(secrets_in(report.out + report.err), "") << "precheck of a root holding os.conf";

  Traced dry = firstboot(root, {"--dry-run"});
  EXPECT_EQ(dry.run.exit_code, 1) << dry.run.err;
  EXPECT_NE(dry.run.out.find("+root:<new hash>:"), std::string::npos) << dry.run.out;
  expect_no_core_before_os_conf(dry.trace);

  Traced failing = firstboot(root);
  EXPECT_EQ(failing.run.exit_code, 1) << failing.run.err;
  EXPECT_NE(failing.run.err.find("password: applied"), std::string::npos) << failing.run.err;
  EXPECT_NE(failing.run.err.find("network: not applied"), std::string::npos) << failing.run.err;
  expect_no_core_before_os_conf(failing.trace);
  EXPECT_EQ(mode_of(root + "/etc/shadow-"), shadow_mode) << "the backup holds the old hashes";
  EXPECT_EQ(group_of(root + "/etc/shadow-"), group_of(root + "/etc/shadow"));

  // The user fixes the cause; the retry applies the rest and deletes os.conf.
  std::filesystem::remove(root + "/etc/network/interfaces.d/eth0");
  Traced retry = firstboot(root);
  EXPECT_EQ(retry.run.exit_code, 0) << retry.run.err;
  EXPECT_FALSE(std::filesystem::exists(root + kOsConfPath));

  Traced sysprep = traced(sysprep_command(root));
  EXPECT_EQ(sysprep.run.exit_code, 0) << sysprep.run.err;

  EXPECT_EQ(files_with_secrets(dir_.path(), root + "/etc/shadow"), "");
}

TEST_F(Secrets, ABackupOfAShadowWithModeZeroIsModeZero) {
  // RHEL's /etc/shadow is mode 0000: its backup must not be more open.
  const std::string root = dir_ / "root";
  make_firstboot_root(root);
  write_file(root + kOsConfPath, os_conf(), 0600);
  ASSERT_EQ(::chmod((root + "/etc/shadow").c_str(), 0), 0);

  Traced run = firstboot(root);
  EXPECT_EQ(run.run.exit_code, 0) << run.run.err;
  EXPECT_EQ(mode_of(root + "/etc/shadow"), 0U);
  EXPECT_EQ(mode_of(root + "/etc/shadow-"), 0U);
  EXPECT_FALSE(std::filesystem::exists(root + kOsConfPath));
  EXPECT_EQ(files_with_secrets(dir_.path(), root + "/etc/shadow"), "");
}

}  // namespace
}  // namespace image_agent::guests

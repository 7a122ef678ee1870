// sysprep on a real Debian root (bookworm, minbase, openssh-server, which generated SSH
// host keys when it was installed), built by make-debian-root with mmdebstrap and cached.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <regex>

#include "cli/commands.h"
#include "platform/process.h"
#include "test_support/temp_dir.h"
#include "tree_snapshot.h"

namespace image_agent::sysprep::testing {
namespace {

using image_agent::testing::read_file;
using image_agent::testing::write_file;

/// The cached tarball's path, or a reason to skip in `why`.
std::string debian_tarball(std::string* why) {
  RunOptions options;
  options.deadline = std::chrono::minutes(15);
  Result<RunResult> r = run_program({SYSPREP_MAKE_DEBIAN_ROOT}, options);
  if (!r) {
    *why = r.error().message;
    return "";
  }
  if (r->exit_code == 77) {
    *why = r->err;
    return "";
  }
  EXPECT_TRUE(r->succeeded()) << "make-debian-root failed:\n" << r->err;
  if (!r->succeeded()) *why = "make-debian-root failed";
  std::string path = r->out;
  while (!path.empty() && path.back() == '\n') path.pop_back();
  return path;
}

RunResult run(const std::vector<std::string>& argv) {
  RunOptions options;
  options.deadline = std::chrono::minutes(2);
  Result<RunResult> r = run_program(argv, options);
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : RunResult{};
}

std::set<std::string> planned_paths(const std::string& dry_run_output) {
  std::set<std::string> paths;
  static const std::regex action(R"(^  (remove|truncate|edit) (\S+)( \(.*\))?$)");
  std::istringstream in(dry_run_output);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, action)) paths.insert(m[2].str());
  }
  return paths;
}

TEST(DebianRoot, SysprepRemovesWhatMustNotBeClonedAndTheRootStillWorks) {
  std::string why;
  std::string tarball = debian_tarball(&why);
  if (tarball.empty()) {
    if (!why.empty() && why != "make-debian-root failed") GTEST_SKIP() << why;
    FAIL() << why;
  }
  image_agent::testing::TempDir dir;
  const std::string root = dir / "root";
  std::filesystem::create_directories(root);
  ASSERT_TRUE(run({"tar", "-xpf", tarball, "-C", root, "--numeric-owner"}).succeeded());
  ASSERT_TRUE(std::filesystem::exists(root + "/etc/ssh/ssh_host_ed25519_key"))
      << "openssh-server made host keys";
  const std::string old_key = read_file(root + "/etc/ssh/ssh_host_ed25519_key.pub");

  // What an instance gathers while it is prepared: an ID, a history, a key, a log.
  write_file(root + "/etc/machine-id", "0123456789abcdef0123456789abcdef\n", 0444);
  write_file(root + "/var/lib/dbus/machine-id", "0123456789abcdef0123456789abcdef\n", 0644);
  write_file(root + "/root/.bash_history", "apt-get install openssh-server\n", 0600);
  write_file(root + "/root/.ssh/id_ed25519",
             "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbg==\n-----END OPENSSH PRIVATE KEY-----\n", 0600);
  write_file(root + "/var/log/auth.log", "sshd: Accepted publickey for root\n", 0640);

  RunResult dry = run({IMAGE_AGENT_BINARY, "sysprep", "--root", root, "--dry-run"});
  ASSERT_EQ(dry.exit_code, cli::kExitOk) << dry.err;
  TreeSnapshot before = snapshot_tree(root);
  RunResult r = run({IMAGE_AGENT_BINARY, "sysprep", "--root", root});
  ASSERT_EQ(r.exit_code, cli::kExitOk) << r.out << r.err;
  TreeSnapshot after = snapshot_tree(root);

  // Exactly what the dry run listed changed.
  std::set<std::string> changed = changed_paths(before, after);
  EXPECT_EQ(changed, planned_paths(dry.out));
  for (const char* path :
       {"/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_rsa_key.pub", "/etc/passwd-", "/etc/shadow-",
        "/root/.bash_history", "/root/.ssh/id_ed25519", "/var/lib/dbus/machine-id"}) {
    EXPECT_EQ(changed.count(path), 1U) << path;
    EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(root + path))) << path;
  }
  EXPECT_EQ(read_file(root + "/etc/machine-id"), "");
  // Every log is empty and kept with its mode and owner.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root + "/var/log")) {
    if (!entry.is_regular_file() || entry.is_symlink()) continue;
    const std::string key = entry.path().string().substr(root.size());
    EXPECT_EQ(std::filesystem::file_size(entry.path()), 0U) << key;
    ASSERT_EQ(after.count(key), 1U);
    EXPECT_EQ(before.at(key).substr(0, before.at(key).rfind(' ', before.at(key).rfind(' ') - 1)),
              after.at(key).substr(0, after.at(key).rfind(' ', after.at(key).rfind(' ') - 1)))
        << key << ": mode and owner kept";
  }

  // A second run does nothing.
  RunResult again = run({IMAGE_AGENT_BINARY, "sysprep", "--root", root});
  EXPECT_EQ(again.exit_code, cli::kExitOk) << again.err;
  EXPECT_EQ(snapshot_tree(root), after);

  // The guest's own tools make fresh host keys (what firstboot does), and sshd accepts them.
  std::filesystem::create_directories(root + "/run/sshd");
  RunResult keygen = run({"chroot", root, "ssh-keygen", "-A"});
  EXPECT_TRUE(keygen.succeeded()) << keygen.err;
  EXPECT_NE(read_file(root + "/etc/ssh/ssh_host_ed25519_key.pub"), old_key);
  RunResult sshd = run({"chroot", root, "/usr/sbin/sshd", "-t"});
  EXPECT_TRUE(sshd.succeeded()) << sshd.err;
}

}  // namespace
}  // namespace image_agent::sysprep::testing

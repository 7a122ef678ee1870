// `image-agent sysprep` as a user runs it: --list, --dry-run, the per-operation lines,
// exit statuses, and that what --dry-run lists is exactly what a real run changes.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "planted_root.h"
#include "platform/process.h"
#include "sysprep/registry.h"
#include "test_support/bind_mount.h"
#include "tree_snapshot.h"

namespace image_agent::sysprep::testing {
namespace {

RunResult run_agent(std::vector<std::string> args) {
  args.insert(args.begin(), IMAGE_AGENT_BINARY);
  Result<RunResult> r = run_program(args);
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : RunResult{};
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) result.push_back(line);
  return result;
}

/// The guest paths a dry run lists ("  remove /x", "  truncate /y", "  edit /z (...)").
std::set<std::string> planned_paths(const std::string& dry_run_output, const std::string& prefix) {
  std::set<std::string> paths;
  static const std::regex action(R"(^  (remove|truncate|edit) (\S+)( \(.*\))?$)");
  for (const std::string& line : lines(dry_run_output)) {
    std::smatch m;
    if (std::regex_match(line, m, action)) paths.insert(prefix + m[2].str());
  }
  return paths;
}

std::vector<std::string> default_ids() {
  std::vector<std::string> ids;
  for (const Operation* op : operations()) {
    if (op->default_on) ids.emplace_back(op->id);
  }
  return ids;
}

TEST(SysprepCommand, ListShowsEveryOperationItsDefaultAndWhatItRemoves) {
  RunResult r = run_agent({"sysprep", "--list"});
  EXPECT_EQ(r.exit_code, cli::kExitOk);
  EXPECT_EQ(r.err, "");
  std::vector<std::string> out = lines(r.out);
  ASSERT_EQ(out.size(), operations().size() + 1);
  EXPECT_EQ(out[0].rfind("OPERATION", 0), 0U);
  for (size_t i = 0; i < operations().size(); ++i) {
    const Operation& op = *operations()[i];
    std::regex row("^" + std::string(op.id) + " +" + (op.default_on ? "on " : "off") + " +(.+)$");
    std::smatch m;
    ASSERT_TRUE(std::regex_match(out[i + 1], m, row)) << out[i + 1];
    EXPECT_EQ(m[1].str(), std::string(op.removes));
  }
}

TEST(SysprepCommand, DryRunListsThePlanAndChangesNothing) {
  PlantedRoot root;
  TreeSnapshot before = snapshot_tree(root.dir().path());
  RunResult r = run_agent({"sysprep", "--root", root.root(), "--dry-run"});
  EXPECT_EQ(r.exit_code, cli::kExitOk) << r.err;
  EXPECT_EQ(snapshot_tree(root.dir().path()), before) << "--dry-run must leave the tree byte-identical";
  const std::string& out = r.out;
  EXPECT_NE(out.find("ssh-host-keys: would remove 5, truncate 0, edit 0; skipped 0, failed 0\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\n  remove /etc/ssh/ssh_host_rsa_key\n"), std::string::npos);
  EXPECT_NE(out.find("\n  truncate /etc/machine-id\n"), std::string::npos);
  EXPECT_NE(out.find("\n  truncate /var/log/auth.log\n"), std::string::npos);
  EXPECT_NE(out.find("\n  edit /etc/sysconfig/network-scripts/ifcfg-eth0 (drop 2 HWADDR= lines)\n"),
            std::string::npos);
  EXPECT_NE(out.find("\n  remove /home/alice/.ssh/deploy_key (private key)\n"), std::string::npos);
  EXPECT_EQ(out.find("authorized_keys"), std::string::npos) << "ssh-authorized-keys is off by default";
  // Every operation that ran has its summary line, in the registry's order.
  std::vector<std::string> summaries;
  for (const std::string& line : lines(out)) {
    if (!line.starts_with("  ")) summaries.push_back(line.substr(0, line.find(':')));
  }
  EXPECT_EQ(summaries, default_ids());
}

TEST(SysprepCommand, RunChangesExactlyWhatTheDryRunListedAndASecondRunDoesNothing) {
  PlantedRoot root;
  RunResult dry = run_agent({"sysprep", "--root", root.root(), "--dry-run"});
  ASSERT_EQ(dry.exit_code, cli::kExitOk);
  TreeSnapshot before = snapshot_tree(root.root());

  RunResult r = run_agent({"sysprep", "--root", root.root()});
  EXPECT_EQ(r.exit_code, cli::kExitOk) << r.err;
  EXPECT_EQ(changed_paths(before, snapshot_tree(root.root())), planned_paths(dry.out, ""));
  std::vector<std::string> out = lines(r.out);
  ASSERT_EQ(out.size(), default_ids().size()) << r.out;
  static const std::regex summary(
      R"(^([a-z-]+): removed (\d+), truncated (\d+), edited (\d+), skipped (\d+), failed 0$)");
  for (size_t i = 0; i < out.size(); ++i) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(out[i], m, summary)) << out[i];
    EXPECT_EQ(m[1].str(), default_ids()[i]);
  }
  EXPECT_EQ(out[0], "ssh-host-keys: removed 5, truncated 0, edited 0, skipped 0, failed 0");

  TreeSnapshot after_first = snapshot_tree(root.root());
  RunResult again = run_agent({"sysprep", "--root", root.root()});
  EXPECT_EQ(again.exit_code, cli::kExitOk) << again.err;
  EXPECT_EQ(snapshot_tree(root.root()), after_first);
  for (const std::string& line : lines(again.out)) {
    EXPECT_NE(line.find(": removed 0, truncated 0, edited 0, skipped "), std::string::npos) << line;
  }
}

TEST(SysprepCommand, OperationsEnableAndDisableChooseWhatRuns) {
  PlantedRoot root;
  RunResult only = run_agent({"sysprep", "--root", root.root(), "--operations", "net-rules,random-seed"});
  EXPECT_EQ(only.exit_code, cli::kExitOk);
  EXPECT_EQ(only.out,
            "net-rules: removed 1, truncated 0, edited 0, skipped 0, failed 0\n"
            "random-seed: removed 1, truncated 0, edited 0, skipped 0, failed 0\n");
  RunResult enabled = run_agent({"sysprep", "--root", root.root(), "--dry-run", "--enable",
                                 "ssh-authorized-keys", "--disable", "logs"});
  EXPECT_EQ(enabled.exit_code, cli::kExitOk);
  EXPECT_NE(enabled.out.find("\n  remove /root/.ssh/authorized_keys\n"), std::string::npos);
  EXPECT_EQ(enabled.out.find("\nlogs:"), std::string::npos);
}

TEST(SysprepCommand, UsageErrorsAreOneLineAndExitTwo) {
  PlantedRoot root;
  TreeSnapshot before = snapshot_tree(root.dir().path());
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"sysprep", "--root", root.root(), "--operations", "frobnicate"},
           {"sysprep", "--root", root.root(), "--enable", "logs,frobnicate"},
           {"sysprep", "--root", root.root(), "--operations", ","},
           {"sysprep", "--root", root.root(), "--frobnicate"},
           {"sysprep", "--root", root.root(), "extra"},
           {"sysprep", "--root", root.dir() / "missing"}}) {
    RunResult r = run_agent(args);
    EXPECT_EQ(r.exit_code, cli::kExitUsage) << args.back();
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(run_agent({"sysprep", "--root", root.root(), "--operations", "frobnicate"}).err,
            "image-agent: unknown operation 'frobnicate' (see 'image-agent sysprep --help')\n");
  EXPECT_EQ(snapshot_tree(root.dir().path()), before);
}

TEST(SysprepCommand, AFailedOperationExitsOneAndTheOthersStillRun) {
  PlantedRoot root;
  std::filesystem::remove(root / "/etc/machine-id");
  make_symlink("/etc/shadow", root / "/etc/machine-id");
  RunResult r = run_agent({"sysprep", "--root", root.root()});
  EXPECT_EQ(r.exit_code, cli::kExitFailed);
  EXPECT_NE(r.out.find("machine-id: removed 0, truncated 0, edited 0, skipped 1, failed 1\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("sysprep: machine-id: /etc/machine-id is a symlink"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(root / "/etc/ssh/ssh_host_rsa_key")) << "the other operations ran";
  EXPECT_EQ(lines(r.out).size(), default_ids().size());
  EXPECT_EQ(image_agent::testing::read_file(root / "/etc/shadow"), PlantedRoot::kShadow);
}

TEST(SysprepCommand, BindMountsOfTheHostAreLeftWithEveryHostFileInThem) {
  // A chroot build binds the host's /tmp, apt archives and a home into the root: the
  // same file system, so the same st_dev (issue 15 #2). The host's files must stay.
  PlantedRoot root;
  const std::string host = root.dir() / "host";
  image_agent::testing::write_file(host + "/tmp/host-build.log", "the host's /tmp\n");
  image_agent::testing::write_file(host + "/archives/host-tool_1.0_amd64.deb", "the host's package\n");
  image_agent::testing::write_file(host + "/home/.bash_history", "the host user's history\n", 0600);
  std::filesystem::create_directories(root / "/home/builder");
  // Declared after `root`: unmounted before its directory is removed, also on failure.
  image_agent::testing::ScopedBindMount tmp(host + "/tmp", root / "/tmp");
  if (!tmp.skip_reason().empty()) GTEST_SKIP() << tmp.skip_reason();
  image_agent::testing::ScopedBindMount archives(host + "/archives", root / "/var/cache/apt/archives");
  image_agent::testing::ScopedBindMount home(host + "/home", root / "/home/builder");
  ASSERT_EQ(archives.skip_reason() + home.skip_reason(), "");
  const TreeSnapshot host_before = snapshot_tree(host);

  RunResult r = run_agent({"sysprep", "--root", root.root()});
  EXPECT_EQ(r.exit_code, cli::kExitOk) << r.err;
  EXPECT_EQ(snapshot_tree(host), host_before) << r.out << r.err;
  EXPECT_EQ(image_agent::testing::read_file(host + "/tmp/host-build.log"), "the host's /tmp\n");
  for (const std::string message :
       {"sysprep: tmp-files: left /tmp: on another mount (a bind mount) (use --cross-mounts)",
        "sysprep: package-cache: left /var/cache/apt/archives: on another mount (a bind mount) (use "
        "--cross-mounts)",
        "sysprep: shell-history: left /home/builder: home on another mount (a bind mount) (use "
        "--cross-mounts)"}) {
    EXPECT_NE(r.err.find(message), std::string::npos) << message << "\n" << r.err;
  }
  // The root's own files around the mounts are still cleaned.
  EXPECT_FALSE(std::filesystem::exists(root / "/var/tmp/systemd-private-x/tmp/f"));
  EXPECT_FALSE(std::filesystem::exists(root / "/home/alice/.zsh_history"));
}

TEST(SysprepCommand, HelpShowsTheOptions) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"sysprep", "--help"}, {"help", "sysprep"}}) {
    RunResult r = run_agent(args);
    EXPECT_EQ(r.exit_code, cli::kExitOk);
    for (const char* option : {"--root DIR", "--dry-run", "--operations OP,..", "--enable OP,..",
                               "--disable OP,..", "--cross-mounts", "--list"}) {
      EXPECT_NE(r.out.find(option), std::string::npos) << option;
    }
  }
}

}  // namespace
}  // namespace image_agent::sysprep::testing

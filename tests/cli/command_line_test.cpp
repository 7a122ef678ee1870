// The image-agent executable as a user runs it: help, version, usage errors, exit codes.
#include <gtest/gtest.h>

#include "cli/commands.h"
#include "platform/process.h"
#include "test_support/temp_dir.h"

namespace image_agent::cli {
namespace {

RunResult run_agent(std::vector<std::string> args) {
  args.insert(args.begin(), IMAGE_AGENT_BINARY);
  Result<RunResult> r = run_program(args);
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : RunResult{};
}

size_t line_count(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(CommandLine, HelpListsEveryCommandOfTheTable) {
  for (const char* flag : {"--help", "-h", "help"}) {
    RunResult r = run_agent({flag});
    EXPECT_EQ(r.exit_code, kExitOk) << flag;
    EXPECT_EQ(r.err, "");
    for (const Command& c : commands()) {
      EXPECT_NE(r.out.find("  " + std::string(c.name) + " "), std::string::npos) << c.name;
      EXPECT_NE(r.out.find(std::string(c.summary)), std::string::npos) << c.name;
    }
    EXPECT_NE(r.out.find("Exit status:"), std::string::npos);
  }
}

TEST(CommandLine, VersionComesFromTheProject) {
  RunResult r = run_agent({"--version"});
  EXPECT_EQ(r.exit_code, kExitOk);
  EXPECT_EQ(r.out, std::string("image-agent ") + IMAGE_AGENT_VERSION + "\n");
}

TEST(CommandLine, VersionCommandAlsoNamesOsAndKernel) {
  RunResult r = run_agent({"version"});
  EXPECT_EQ(r.exit_code, kExitOk);
  // The oracle: the OS's own description, as a shell sourcing os-release sees it.
  Result<RunResult> os = run_program({"/bin/sh", "-c", ". /etc/os-release && printf %s \"$PRETTY_NAME\""});
  Result<RunResult> kernel = run_program({"uname", "-srm"});
  ASSERT_TRUE(os && kernel);
  EXPECT_EQ(r.out, std::string("image-agent ") + IMAGE_AGENT_VERSION + "\nrunning on " + os->out + ", " +
                       kernel->out);
}

TEST(CommandLine, UnknownCommandOrOptionIsOneLineAndExitTwo) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"frobnicate"}, {"--frobnicate"}, {"-z"}, {"--config"}, {"version", "x"}}) {
    RunResult r = run_agent(args);
    EXPECT_EQ(r.exit_code, kExitUsage) << args[0];
    EXPECT_EQ(line_count(r.err), 1U) << r.err;
    EXPECT_EQ(r.out, "");
  }
  RunResult r = run_agent({"frobnicate"});
  EXPECT_EQ(r.err, "image-agent: unknown command 'frobnicate' (see 'image-agent --help')\n");
}

TEST(CommandLine, NoCommandPrintsUsageAndExitsTwo) {
  RunResult r = run_agent({});
  EXPECT_EQ(r.exit_code, kExitUsage);
  EXPECT_NE(r.err.find("Usage: image-agent"), std::string::npos);
}

TEST(CommandLine, UnbuiltCommandsSayNotImplementedAndExitTwo) {
  for (const Command& c : commands()) {
    if (c.run != nullptr) continue;
    RunResult r = run_agent({std::string(c.name)});
    EXPECT_EQ(r.exit_code, kExitUsage) << c.name;
    EXPECT_EQ(r.err, "image-agent: error: " + std::string(c.name) + ": not implemented yet\n");
  }
}

TEST(CommandLine, EveryCommandRefusesAMissingRootTheSameWay) {
  testing::TempDir dir;
  const std::string missing = dir / "no-such-root";
  for (const char* command : {"precheck", "firstboot", "sysprep"}) {
    RunResult r = run_agent({command, "--root", missing});
    EXPECT_EQ(r.exit_code, kExitUsage) << command;
    EXPECT_EQ(line_count(r.err), 1U) << command << ": " << r.err;
    EXPECT_TRUE(r.err.starts_with("image-agent: ")) << command << ": " << r.err;
    EXPECT_NE(r.err.find(missing), std::string::npos) << command << ": " << r.err;
    EXPECT_NE(r.err.find("(see 'image-agent " + std::string(command) + " --help')"), std::string::npos)
        << command << ": " << r.err;
    EXPECT_EQ(r.out, "") << command;
  }
}

TEST(CommandLine, BrokenConfigurationIsAUsageError) {
  testing::TempDir dir;
  testing::write_file(dir / "agent.yaml", "log:\n  level: loud\n");
  RunResult r = run_agent({"--config", dir / "agent.yaml", "precheck"});
  EXPECT_EQ(r.exit_code, kExitUsage);
  EXPECT_EQ(r.err, "image-agent: " + (dir / "agent.yaml") +
                       ": line 2, column 10: log.level 'loud': use error, warning, notice, info or debug\n");
  RunResult missing = run_agent({"--config", dir / "none.yaml", "precheck"});
  EXPECT_EQ(missing.exit_code, kExitUsage);
  EXPECT_NE(missing.err.find("none.yaml: No such file or directory"), std::string::npos) << missing.err;
  RunResult help = run_agent({"--config", dir / "agent.yaml", "help"});
  EXPECT_EQ(help.exit_code, kExitOk) << "help never needs the configuration";
}

}  // namespace
}  // namespace image_agent::cli

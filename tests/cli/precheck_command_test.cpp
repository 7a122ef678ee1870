// `image-agent precheck` as a pipeline runs it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "platform/process.h"
#include "precheck/registry.h"
#include "test_support/bind_mount.h"
#include "test_support/hostile_text.h"
#include "test_support/temp_dir.h"

namespace image_agent {
namespace {

RunResult precheck(const std::vector<std::string>& args) {
  std::vector<std::string> argv{IMAGE_AGENT_BINARY, "precheck"};
  argv.insert(argv.end(), args.begin(), args.end());
  RunOptions options;
  options.deadline = std::chrono::minutes(5);
  Result<RunResult> r = run_program(argv, options);
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : RunResult{};
}

/// Exit status and errors of the schema validator for one JSON text.
RunResult validate(const std::string& json) {
  RunOptions options;
  options.input = json;
  Result<RunResult> r = run_program({IMAGE_AGENT_SOURCE_DIR "/tests/precheck/validate-report",
                                     IMAGE_AGENT_SOURCE_DIR "/agent/precheck/report.schema.json"},
                                    options);
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : RunResult{};
}

std::map<std::string, std::string> tree(const std::string& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    files[e.path()] = e.is_regular_file() && !e.is_symlink() ? testing::read_file(e.path()) : "(not a file)";
  }
  return files;
}

TEST(PrecheckCommand, JsonOnThisMachineValidatesAndExitsZeroOrOne) {
  RunResult r = precheck({"--json"});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.exit_code << "\n" << r.err;
  RunResult valid = validate(r.out);
  EXPECT_TRUE(valid.succeeded()) << valid.err << "\n" << r.out;
  EXPECT_EQ(r.out.find("Current system"), std::string::npos) << "--json prints nothing but JSON";
}

TEST(PrecheckCommand, AsAnOrdinaryUserItemsThatNeedRootAreSkipped) {
  if (::geteuid() != 0) GTEST_SKIP() << "SKIPPED: needs root to switch to the user nobody";
  RunOptions options;
  options.deadline = std::chrono::minutes(5);
  Result<RunResult> r = run_program({"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                                     IMAGE_AGENT_BINARY, "precheck", "--json"},
                                    options);
  ASSERT_TRUE(r) << r.error().message;
  if (r->exit_code == 126 || r->err.find("Permission denied") != std::string::npos) {
    GTEST_SKIP() << "SKIPPED: nobody cannot execute " << IMAGE_AGENT_BINARY << ": " << r->err;
  }
  EXPECT_TRUE(r->exit_code == 0 || r->exit_code == 1) << r->exit_code << " " << r->err;
  EXPECT_TRUE(validate(r->out).succeeded()) << r->out;
  EXPECT_NE(r->out.find("\"result\":\"SKIPPED\""), std::string::npos)
      << "e.g. /etc/shadow needs root: " << r->out;
}

TEST(PrecheckCommand, ReportDirGetsTxtAndJson) {
  testing::TempDir dir;
  RunResult r = precheck({"-p", dir.path()});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  std::string txt;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    const std::string name = e.path().filename();
    if (name.rfind("image_check_report_", 0) == 0 && name.size() == 42 && name.substr(38) == ".txt")
      txt = e.path();
  }
  ASSERT_FALSE(txt.empty()) << "image_check_report_<YYYY-MM-DD_HH-MM-SS>.txt missing";
  const std::string text = testing::read_file(txt);
  const std::string json = testing::read_file(dir / "image_check_report.json");
  EXPECT_NE(text.find("Current system: "), std::string::npos);
  EXPECT_TRUE(validate(json).succeeded());
  const std::string stamp = txt.substr(txt.size() - 23, 19);
  EXPECT_NE(json.find("\"time\":\"" + stamp + "\""), std::string::npos) << "the name's time is the report's";
  // image_check's words, which pipelines written for it look for: the TXT report first.
  const std::string generated = "The report is generated : " + txt + "\n" +
                                "The report is generated : " + (dir / "image_check_report.json") + "\n";
  EXPECT_NE(r.out.find(generated), std::string::npos) << r.out;
  EXPECT_TRUE(text.ends_with(generated)) << text;
}

TEST(PrecheckCommand, PlainDirectoryRootShowsNoSystemDiskSize) {
  testing::TempDir dir;
  testing::write_file(dir / "etc/os-release", "ID=debian\nVERSION_ID=12\n");
  RunResult json = precheck({"--root", dir.path(), "--json", "--only", "release"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(validate(json.out).succeeded()) << json.out;
  EXPECT_NE(json.out.find(R"("system_disk_size":"")"), std::string::npos) << "not the host's: " << json.out;
  EXPECT_NE(json.out.find("is a directory, not the mount point of an image's file system"), std::string::npos)
      << json.out;
  RunResult console = precheck({"--root", dir.path(), "--only", "release"});
  EXPECT_NE(console.out.find("System disk size: unknown ("), std::string::npos) << console.out;
}

TEST(PrecheckCommand, FifoAsTheGuestsShellDoesNotHangTheReport) {
  // The report header reads /bin/sh's ELF header for the architecture: a FIFO there used
  // to block precheck forever, outside any item's deadline.
  testing::TempDir dir;
  testing::write_file(dir / "etc/os-release", "ID=debian\nVERSION_ID=12\n");
  std::filesystem::create_directories(dir / "bin");
  ASSERT_EQ(::mkfifo((dir / "bin/sh").c_str(), 0755), 0);
  RunOptions options;
  options.deadline = std::chrono::seconds(60);
  Result<RunResult> r = run_program(
      {IMAGE_AGENT_BINARY, "precheck", "--root", dir.path(), "--json", "--only", "release"}, options);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->exit_code, 0) << r->err;
  EXPECT_TRUE(validate(r->out).succeeded()) << r->out;
}

TEST(PrecheckCommand, ListShowsEveryRegisteredItemWithItsSeverity) {
  RunResult r = precheck({"--list", "--profile", "aliyun-customized"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> listed;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string id, severity;
    words >> id >> severity;
    listed.insert(id);
    EXPECT_TRUE(severity == "FAILED" || severity == "WARNING" || severity == "off") << line;
  }
  std::set<std::string> registered;
  for (const precheck::Item& item : precheck::all_items()) registered.emplace(item.id);
  EXPECT_EQ(listed, registered);
}

TEST(PrecheckCommand, ReadOnlyOnTheInspectedTree) {
  testing::TempDir dir;
  testing::write_file(dir / "root/etc/os-release", "ID=debian\nVERSION_ID=12\n");
  testing::write_file(dir / "root/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
  testing::write_file(dir / "root/etc/shadow", "root:$6$salt$hash:19000:0:99999:7:::\n", 0640);
  testing::write_file(dir / "root/root/.bash_history", "secret-command --password=hunter2\n", 0600);
  auto before = tree(dir / "root");
  RunResult r = precheck({"--root", dir / "root", "--json"});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  EXPECT_EQ(tree(dir / "root"), before);
  EXPECT_TRUE(validate(r.out).succeeded()) << r.out;
  for (const std::string& text : {r.out, r.err}) {
    EXPECT_EQ(text.find("hunter2"), std::string::npos) << "a history's content leaked";
    EXPECT_EQ(text.find("$6$salt$hash"), std::string::npos) << "a hash leaked";
  }
}

TEST(PrecheckCommand, AHomeBoundInFromTheHostIsNotJudgedAsTheImages) {
  // As sysprep leaves a bind mount of the same file system alone (issue 15 #2), precheck
  // does not judge what is in it: the host user's history is not the image's.
  testing::TempDir dir;
  testing::write_file(dir / "root/etc/os-release", "ID=debian\nVERSION_ID=12\n");
  testing::write_file(dir / "root/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
  testing::write_file(dir / "root/etc/shadow", "root:*:19000:0:99999:7:::\n", 0640);
  testing::write_file(dir / "host/home/.bash_history", "make image\n", 0600);
  std::filesystem::create_directories(dir / "root/home/builder");
  testing::ScopedBindMount home(dir / "host/home", dir / "root/home/builder");
  if (!home.skip_reason().empty()) GTEST_SKIP() << home.skip_reason();
  RunResult r = precheck({"--root", dir / "root", "--json", "--only", "sensitive_data"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("/home/builder (on another mount (a bind mount))"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(".bash_history"), std::string::npos) << r.out;
}

TEST(PrecheckCommand, UsageAndPolicyErrorsExitTwo) {
  testing::TempDir dir;
  testing::write_file(dir / "policy.yaml",
                      "profiles:\n  aliyun:\n    items:\n      drivr: {severity: failed}\n");
  RunResult bad_policy = precheck({"--config", dir / "policy.yaml"});
  EXPECT_EQ(bad_policy.exit_code, 2);
  EXPECT_NE(bad_policy.err.find("line 4, column 7: unknown item 'drivr'"), std::string::npos)
      << bad_policy.err;
  EXPECT_EQ(precheck({"--config", dir / "missing.yaml"}).exit_code, 2);
  EXPECT_EQ(precheck({"--profile", "azure"}).exit_code, 2);
  EXPECT_EQ(precheck({"--only", "driver,bogus"}).exit_code, 2);
  EXPECT_EQ(precheck({"--timeout", "0"}).exit_code, 2);
  EXPECT_EQ(precheck({"--frobnicate"}).exit_code, 2);
  RunResult help = precheck({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--report-dir DIR"), std::string::npos);
}

TEST(PrecheckCommand, OwnPolicyFileWithAnInheritedProfile) {
  testing::TempDir dir;
  testing::write_file(dir / "policy.yaml",
                      "profiles:\n  mine:\n    items:\n      release: {severity: warning}\n  strict:\n"
                      "    inherits: mine\n    items:\n      release: {severity: failed}\n");
  RunResult list = precheck({"--config", dir / "policy.yaml", "--profile", "strict", "--list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  RunResult run =
      precheck({"--config", dir / "policy.yaml", "--profile", "mine", "--json", "--root", dir.path()});
  EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.err;
  EXPECT_TRUE(validate(run.out).succeeded()) << run.out;
  EXPECT_NE(run.out.find("\"profile\":\"mine\""), std::string::npos);
}

// Issue 15 #11: whatever bytes a guest holds (an os-release in Latin-1 with C1 controls, a
// key file named with a terminal escape, a newline and an invalid byte, garbage in
// /etc/adjtime), --json is strictly valid UTF-8 JSON, and the console and the TXT report
// show those bytes escaped: no ESC, no C1 control, no invalid UTF-8 reaches the operator's
// terminal, and no newline of a file name makes a line of the report.
TEST(PrecheckCommand, HostileGuestBytesGiveValidUtf8JsonAndAnEscapedConsole) {
  testing::TempDir dir;
  const std::string root = dir / "root";
  testing::write_file(root + "/etc/os-release",
                      "ID=debian\nVERSION_ID=\"12\xFF\"\nNAME=\"Deb\xE9\x9B"
                      "31mian\"\nPRETTY_NAME=\"Debian \xC2\x9B"
                      "31mred\xC2\x9B"
                      "0m \xED\xA0\x80\xF0\x9F\xC0 \xE6\x97\xA5\xE6\x9C\xAC\"\n");
  testing::write_file(root + "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
  testing::write_file(root + "/etc/adjtime", "0.0 0 0.0\n0\n\xFF\x1B[2J\xC0\xAF\n");
  testing::write_file(root + "/root/.ssh/id_rsa\x1B]0;pwned\x07\n\xFF", "not a key\n", 0600);

  RunResult json = precheck({"--root", root, "--json"});
  EXPECT_TRUE(json.exit_code == 0 || json.exit_code == 1) << json.err;
  EXPECT_EQ(testing::strict_json_problem(json.out), "") << json.out;
  EXPECT_TRUE(validate(json.out).succeeded()) << json.out;
  EXPECT_NE(json.out.find("\"platform\":\"Deb\xEF\xBF\xBD"
                          "31mian\""),
            std::string::npos)
      << "invalid bytes become U+FFFD: " << json.out;
  EXPECT_NE(json.out.find("/root/.ssh/id_rsa\\u001b]0;pwned\\u0007\\n\xEF\xBF\xBD"), std::string::npos)
      << "the file name, its controls as JSON escapes: " << json.out;
  EXPECT_EQ(testing::terminal_problem(json.err), "") << json.err;

  std::filesystem::create_directories(dir / "reports");
  RunResult console = precheck({"--root", root, "-p", dir / "reports"});
  EXPECT_TRUE(console.exit_code == 0 || console.exit_code == 1) << console.err;
  std::string txt;
  for (const auto& e : std::filesystem::directory_iterator(dir / "reports")) {
    if (e.path().extension() == ".txt") txt = testing::read_file(e.path());
    if (e.path().extension() == ".json") {
      EXPECT_EQ(testing::strict_json_problem(testing::read_file(e.path())), "") << e.path();
    }
  }
  for (const std::string& text : {console.out, console.err, txt}) {
    EXPECT_EQ(testing::terminal_problem(text), "") << text;
    EXPECT_EQ(text.find('\x1B'), std::string::npos) << text;
  }
  for (const std::string& text : {console.out, txt}) {
    EXPECT_NE(text.find("Current system: Debian \\xc2\\x9b31mred\\xc2\\x9b0m \\xed\\xa0\\x80\\xf0\\x9f\\xc0 "
                        "\xE6\x97\xA5\xE6\x9C\xAC\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("(/root/.ssh/id_rsa\\x1b]0;pwned\\x07\\x0a\\xff)"), std::string::npos) << text;
  }

  // A policy whose YAML holds the same bytes: the error that quotes it is escaped too.
  testing::write_file(dir / "policy.yaml",
                      "profiles:\n  aliyun:\n    items:\n      dr\xFFiv\x1B]0;pwned\x07\xC2\x9B"
                      "er: {severity: failed}\n");
  RunResult policy = precheck({"--config", dir / "policy.yaml", "--root", root, "--json"});
  EXPECT_EQ(policy.exit_code, 2) << policy.err;
  EXPECT_EQ(policy.out, "");
  EXPECT_NE(policy.err.find("unknown item 'dr\\xffiv\\x1b]0;pwned\\x07\\xc2\\x9ber'"), std::string::npos)
      << policy.err;
  EXPECT_EQ(testing::terminal_problem(policy.err), "") << policy.err;
}

}  // namespace
}  // namespace image_agent

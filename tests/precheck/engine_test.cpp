// The precheck engine with items of the test's own: policy, runner, report.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "platform/process.h"
#include "precheck/policy.h"
#include "precheck/registry.h"
#include "precheck/report.h"
#include "precheck/runner.h"
#include "test_support/temp_dir.h"

namespace image_agent::precheck {
namespace {

const std::set<std::string, std::less<>> kIds{"alpha", "beta", "gamma", "delta"};

Policy test_policy() {
  Result<Policy> policy = parse_policy(R"(profiles:
  base:
    items:
      alpha: {severity: failed}
      beta: {severity: warning, warn_percent: 90, supported: [a, b]}
      gamma: {severity: warning}
      delta: {severity: off}
  strict:
    inherits: base
    items:
      beta: {severity: failed}
      delta: {severity: warning}
)",
                                       kIds);
  EXPECT_TRUE(policy) << policy.error().message;
  return *policy;
}

TEST(ParsePolicy, ProfilesInheritAndOverride) {
  Policy policy = test_policy();
  ASSERT_NE(policy.find("base", "beta"), nullptr);
  EXPECT_EQ(policy.find("base", "beta")->severity, Status::kWarning);
  EXPECT_EQ(policy.find("base", "beta")->thresholds.at("warn_percent"), 90);
  EXPECT_EQ(policy.find("base", "beta")->lists.at("supported"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(policy.find("strict", "beta")->severity, Status::kFailed);
  EXPECT_EQ(policy.find("strict", "beta")->thresholds.at("warn_percent"), 90) << "inherited thresholds stay";
  EXPECT_EQ(policy.find("base", "delta"), nullptr) << "off";
  EXPECT_NE(policy.find("strict", "delta"), nullptr);
  EXPECT_EQ(policy.find("nope", "alpha"), nullptr);
}

TEST(ParsePolicy, TrueAndFalseAreFlagsAndInherit) {
  Result<Policy> policy = parse_policy(R"(profiles:
  base:
    items:
      alpha: {severity: warning, careful: false, limit: 1}
  child:
    inherits: base
    items:
      alpha: {careful: true}
)",
                                       kIds);
  ASSERT_TRUE(policy) << policy.error().message;
  EXPECT_FALSE(policy->find("base", "alpha")->flags.at("careful"));
  EXPECT_EQ(policy->find("base", "alpha")->thresholds.at("limit"), 1) << "a number stays a threshold";
  EXPECT_FALSE(policy->find("base", "alpha")->flags.contains("limit"));
  EXPECT_TRUE(policy->find("child", "alpha")->flags.at("careful"));
  EXPECT_EQ(policy->find("child", "alpha")->thresholds.at("limit"), 1) << "inherited";
  EXPECT_EQ(policy->find("child", "alpha")->severity, Status::kWarning) << "inherited";
}

TEST(ParsePolicy, ErrorsNameLineAndColumn) {
  struct Case {
    const char* yaml;
    const char* message;
  };
  for (const Case& c : {
           Case{"profiles:\n  p:\n    items:\n      zeta: {severity: failed}\n",
                "line 4, column 7: unknown item 'zeta'"},
           Case{"profiles:\n  p:\n    items:\n      alpha: {severity: fatal}\n", "alpha.severity 'fatal'"},
           Case{"profiles:\n  p:\n    inherits: q\n", "inherits 'q', which is not defined above it"},
           Case{"profiles:\n  p:\n    itemz: {}\n", "line 3, column 5: unknown key 'itemz'"},
           Case{"profile: {}\n", "needs a 'profiles' mapping"},
           Case{"profiles:\n  p:\n    items:\n      alpha: {warn_percent: ninety}\n",
                "alpha.warn_percent must be a number"},
           Case{"profiles: [\n", "line "},
       }) {
    Result<Policy> policy = parse_policy(c.yaml, kIds);
    ASSERT_FALSE(policy) << c.yaml;
    EXPECT_NE(policy.error().message.find(c.message), std::string::npos)
        << c.yaml << " gave " << policy.error().message;
  }
}

TEST(Registry, HoldsEverySpecItemOnceInTableOrderWithItsOwnCodeBlock) {
  std::vector<std::string_view> ids;
  std::set<int> blocks;
  for (const Item& item : all_items()) {
    ids.push_back(item.id);
    EXPECT_NE(item.check, nullptr) << item.id;
    EXPECT_FALSE(item.rule.empty()) << item.id;
    EXPECT_TRUE(blocks.insert(item.code_base).second) << item.id << " shares code block " << item.code_base;
    EXPECT_EQ(item.code_base % 100, 0) << item.id;
  }
  EXPECT_EQ(ids, std::vector<std::string_view>(spec_item_ids().begin(), spec_item_ids().end()));
}

TEST(DefaultPolicy, ParsesAndCoversEverySpecItemInEveryProfile) {
  std::set<std::string, std::less<>> ids;
  for (std::string_view id : spec_item_ids()) ids.emplace(id);
  Result<Policy> policy = parse_policy(default_policy_yaml(), ids);
  ASSERT_TRUE(policy) << policy.error().message;
  for (const char* profile : {"aliyun", "aliyun-customized", "oci", "export", "generic"}) {
    ASSERT_TRUE(policy->profiles.contains(profile)) << profile;
    for (std::string_view id : spec_item_ids()) {
      EXPECT_TRUE(policy->profiles.at(profile).contains(id))
          << profile << " does not say anything about " << id;
    }
  }
  // The spec's severity column, spot-checked.
  EXPECT_EQ(policy->find("aliyun", "driver")->severity, Status::kFailed);
  EXPECT_EQ(policy->find("aliyun", "ssh_host_keys")->severity, Status::kWarning);
  EXPECT_EQ(policy->find("aliyun-customized", "ssh_host_keys")->severity, Status::kFailed);
  EXPECT_EQ(policy->find("aliyun", "first_partition"), nullptr);
  EXPECT_EQ(policy->find("aliyun-customized", "first_partition")->severity, Status::kFailed);
  EXPECT_EQ(policy->find("aliyun", "dhcp")->severity, Status::kWarning);
  // Stays on: seed 002 §3.3.2 asks DHCP of every Linux import (issue 13 #5).
  EXPECT_EQ(policy->find("aliyun-customized", "dhcp")->severity, Status::kWarning);
  EXPECT_EQ(policy->find("export", "encrypted")->severity, Status::kFailed);
  EXPECT_EQ(policy->find("oci", "os_supported")->severity, Status::kWarning);
}

Verdict check_ok(const ItemContext&) {
  return ok("fine", {{"path", "/etc/x"}});
}
Verdict check_problem(const ItemContext& c) {
  return problem(c, 3, "broken", "fix it");
}
Verdict check_two_problems(const ItemContext& c) {
  Problems problems;
  if (problems.any()) return ok("none added yet");
  problems.add(4, "root login refused", "Allow it.");
  problems.add(2, "passwords refused", "Accept them.");
  return std::move(problems).verdict(c, {{"file", "/etc/x"}});
}
Verdict check_skipped(const ItemContext&) {
  return skipped("needs root");
}
Verdict check_throws(const ItemContext&) {
  throw std::runtime_error("boom");
}
std::atomic<bool> g_release{false};
Verdict check_hangs(const ItemContext&) {
  while (!g_release) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return ok();
}

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<RootFs> fs = RootFs::open(dir_.path());
    ASSERT_TRUE(fs);
    fs_.emplace(std::move(*fs));
  }
  testing::TempDir dir_;
  std::optional<RootFs> fs_;
  Policy policy_ = test_policy();
};

TEST_F(RunnerTest, SeverityComesFromTheProfileAndOrderIsKept) {
  const Item alpha{"alpha", "", 1000, "rule a", "src", ItemKind::kSystem, &check_problem};
  const Item beta{"beta", "", 1100, "rule b", "src", ItemKind::kSystem, &check_problem};
  const Item gamma{"gamma", "", 1200, "rule g", "src", ItemKind::kSystem, &check_ok};
  for (const char* profile : {"base", "strict"}) {
    Context context(*fs_, policy_, profile, false);
    std::vector<Outcome> out = run_items(context, {&gamma, &alpha, &beta}, RunnerOptions{});
    ASSERT_EQ(out.size(), 3U);
    EXPECT_EQ(out[0].item, &gamma);
    EXPECT_EQ(out[0].verdict.status, Status::kOk);
    EXPECT_EQ(out[0].verdict.error_code, "0");
    EXPECT_EQ(out[1].verdict.status, Status::kFailed);
    EXPECT_EQ(out[1].verdict.error_code, "1003");
    EXPECT_EQ(out[2].verdict.status, std::string(profile) == "base" ? Status::kWarning : Status::kFailed)
        << profile;
    EXPECT_EQ(out[2].verdict.error_code, "1103");
  }
}

TEST_F(RunnerTest, SeveralProblemsTakeTheFirstOnesCodeAndNameEveryOne) {
  const Item alpha{"alpha", "", 1000, "", "", ItemKind::kSystem, &check_two_problems};
  Context context(*fs_, policy_, "base", false);
  std::vector<Outcome> out = run_items(context, {&alpha}, RunnerOptions{});
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].verdict.status, Status::kFailed);
  EXPECT_EQ(out[0].verdict.error_code, "1004");
  EXPECT_EQ(out[0].verdict.comment, "root login refused; passwords refused");
  EXPECT_EQ(out[0].verdict.remediation, "Allow it. Accept them.");
  EXPECT_EQ(out[0].verdict.evidence, (std::vector<Evidence>{{"file", "/etc/x"}}));
}

TEST_F(RunnerTest, SkipsThrowsAndTimeoutsGetTheirCodes) {
  const Item skip{"alpha", "", 1000, "", "", ItemKind::kSystem, &check_skipped};
  const Item crash{"beta", "", 1100, "", "", ItemKind::kSystem, &check_throws};
  const Item hang{"gamma", "", 1200, "", "", ItemKind::kSystem, &check_hangs};
  Context context(*fs_, policy_, "base", false);
  RunnerOptions options;
  options.item_deadline = std::chrono::milliseconds(300);
  g_release = false;
  std::vector<Outcome> out = run_items(context, {&skip, &crash, &hang}, options);
  g_release = true;  // lets the leaked pool thread finish
  EXPECT_EQ(out[0].verdict.status, Status::kSkipped);
  EXPECT_EQ(out[0].verdict.error_code, "1099");
  EXPECT_EQ(out[1].verdict.status, Status::kFailed) << "a bug of ours must never pass as OK";
  EXPECT_EQ(out[1].verdict.error_code, "1198");
  EXPECT_NE(out[1].verdict.comment.find("boom"), std::string::npos);
  EXPECT_EQ(out[2].verdict.status, Status::kWarning);
  EXPECT_EQ(out[2].verdict.error_code, "1297");
  EXPECT_NE(out[2].verdict.comment.find("deadline"), std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

TEST_F(RunnerTest, FactsAreComputedOnceAcrossConcurrentItems) {
  static std::atomic<int> computed{0};
  computed = 0;
  auto check = [](const ItemContext& c) {
    const int& value = c.fact<int>("answer", [] {
      ++computed;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      return 42;
    });
    return value == 42 ? ok() : skipped("wrong");
  };
  const Item a{"alpha", "", 1000, "", "", ItemKind::kSystem, check};
  const Item b{"beta", "", 1100, "", "", ItemKind::kSystem, check};
  const Item g{"gamma", "", 1200, "", "", ItemKind::kSystem, check};
  Context context(*fs_, policy_, "base", false);
  std::vector<Outcome> out = run_items(context, {&a, &b, &g}, RunnerOptions{});
  for (const Outcome& o : out) EXPECT_EQ(o.verdict.status, Status::kOk);
  EXPECT_EQ(computed, 1);
}

TEST_F(RunnerTest, JsonReportValidatesAgainstTheSchema) {
  const Item alpha{"alpha", "shadow file authority", 1000,          "rule a",
                   "src",   ItemKind::kSystem,       &check_problem};
  const Item beta{"beta", "", 1100, "rule b \"quoted\"", "src", ItemKind::kSystem, &check_ok};
  const Item gamma{"gamma", "", 1200, "rule g", "src", ItemKind::kSystem, &check_skipped};
  Context context(*fs_, policy_, "base", false);
  Report report;
  report.header = gather_header(context);
  report.header.version = "0.1.0";
  report.header.profile = "base";
  report.outcomes = run_items(context, {&alpha, &beta, &gamma}, RunnerOptions{});
  const std::string json = render_json(report);
  RunOptions input;
  input.input = json;
  Result<RunResult> valid = run_program({IMAGE_AGENT_SOURCE_DIR "/tests/precheck/validate-report",
                                         IMAGE_AGENT_SOURCE_DIR "/agent/precheck/report.schema.json"},
                                        input);
  ASSERT_TRUE(valid) << valid.error().message;
  EXPECT_TRUE(valid->succeeded()) << valid->err << "\n" << json;
  EXPECT_NE(json.find(R"("name":"alpha","result":"FAILED","error_code":"1003")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("description":"broken","comment":"fix it","rule":"rule a","remediation":"fix it")"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("evidence":[{"name":"path","value":"/etc/x"}])"), std::string::npos) << json;

  const std::string text = render_text(report, false);
  EXPECT_NE(text.find("Check shadow file authority"), std::string::npos) << text;
  EXPECT_NE(text.find("[ FAILED ]\n    broken (code 1003)\n    fix: fix it\n"), std::string::npos) << text;
  EXPECT_NE(text.find("1 OK, 0 WARNING, 1 FAILED, 1 SKIPPED"), std::string::npos) << text;
  EXPECT_EQ(text.find("\033["), std::string::npos) << "no colour unless asked";
}

TEST(ReportHeader, OfflineArchitectureFromTheGuestsShell) {
  testing::TempDir dir;
  testing::write_file(dir / "bin/sh", testing::read_file("/bin/sh"));  // this machine's: x86_64 here
  testing::write_file(dir / "etc/os-release", "NAME=\"Red Hat Enterprise Linux\"\nVERSION_ID=\"8.9\"\n");
  Result<RootFs> fs = RootFs::open(dir.path());
  const Policy policy = test_policy();
  ReportHeader h = gather_header(Context(*fs, policy, "base", false));
  Result<RunResult> uname = run_program({"uname", "-m"});
  EXPECT_EQ(h.architecture + "\n", uname->out);
  EXPECT_EQ(h.platform, "Red Hat Enterprise Linux");
  EXPECT_EQ(h.os_big_version, "8");
  EXPECT_EQ(h.os_small_version, "9");
}

}  // namespace
}  // namespace image_agent::precheck

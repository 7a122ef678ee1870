// `image-agent precheck --root DIR --profile aliyun-customized --json` on each stock guest
// before its first boot, as an image pipeline runs it: the report validates against
// agent/precheck/report.schema.json; the firstboot item finds no conflict in the stock
// DHCP profile firstboot takes over, and FAILS naming the file when the user's profile for
// eth0 is one firstboot refuses (which firstboot itself then does); and the verdicts the
// seeds imply for what the stock files say (SELinux enforcing is FAILED, seed 002 §3.1.1).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "firstbooted.h"

namespace image_agent::guests {
namespace {

namespace fs = std::filesystem;
using image_agent::testing::read_file;
using image_agent::testing::TempDir;
using image_agent::testing::write_file;

struct Report {
  RunResult run;
  boost::json::object json;

  // The item `name` of check_items, or an empty object.
  boost::json::object item(const std::string& name) const {
    for (const boost::json::value& item : json.at("check_items").as_array()) {
      if (item.at("name").as_string() == name) return item.as_object();
    }
    return {};
  }
  std::string result(const std::string& name) const {
    boost::json::object found = item(name);
    return found.contains("result") ? std::string(found.at("result").as_string()) : "(no such item)";
  }
  std::string text(const std::string& name) const { return boost::json::serialize(item(name)); }
};

// Its exit status is 0 or 1 (fixture roots have no real kernel, so some items fail).
Report precheck(const std::string& root) {
  Report report;
  report.run = run_agent({"precheck", "--root", root, "--profile", "aliyun-customized", "--json"});
  EXPECT_TRUE(report.run.exit_code == 0 || report.run.exit_code == 1)
      << report.run.exit_code << report.run.err;
  report.json = boost::json::parse(report.run.out).as_object();
  return report;
}

// The report against agent/precheck/report.schema.json (a second or so of Python: once per guest).
void expect_valid(const Report& report) {
  RunOptions options;
  options.input = report.run.out;
  Result<RunResult> valid = run_program({IMAGE_AGENT_SOURCE_DIR "/tests/precheck/validate-report",
                                         IMAGE_AGENT_SOURCE_DIR "/agent/precheck/report.schema.json"},
                                        options);
  EXPECT_TRUE(valid && valid->succeeded()) << (valid ? valid->err : valid.error().message);
}

class GuestPrecheck : public ::testing::TestWithParam<Guest> {
 protected:
  const Family& family() const { return *GetParam().family; }
};

TEST_P(GuestPrecheck, FindsNoFirstbootConflictInTheStockProfile) {
  TempDir dir;
  make_root(GetParam(), dir / "root");
  Report report = precheck(dir / "root");
  EXPECT_NE(report.text("firstboot").find("ok (backend " + family().backend + ")"), std::string::npos)
      << report.text("firstboot");
  if (family().kernel_too_old) {
    EXPECT_EQ(report.item("firstboot")["error_code"].as_string(), "2906") << report.text("firstboot");
  } else {
    EXPECT_EQ(report.result("firstboot"), "OK") << report.text("firstboot");
  }
}

TEST_P(GuestPrecheck, FailsAndNamesAProfileFirstbootWouldRefuse) {
  TempDir dir;
  const std::string root = dir / "root";
  make_root(GetParam(), root);
  // NetworkManager keyfiles and netplan YAML are root's only, as their tools want them.
  const bool secret =
      family().refused_path.ends_with(".nmconnection") || family().refused_path.ends_with(".yaml");
  write_file(root + family().refused_path, family().refused_content, secret ? 0600 : 0644);
  Report report = precheck(root);
  EXPECT_EQ(report.result("firstboot"), "FAILED") << report.text("firstboot");
  EXPECT_NE(report.item("firstboot")["description"].as_string().find(family().refused_path),
            std::string::npos)
      << report.text("firstboot");

  // firstboot itself refuses it the same way: exit 1, os.conf kept for the retry, minus
  // the password it did set.
  const std::string os_conf = root + "/" + family().os_conf_dir + "/os.conf";
  write_file(os_conf, read_file(std::string(OS_CONF_DATA) + "/vpc.conf"));
  RunResult firstboot = run_agent({"firstboot", "--root", root});
  EXPECT_EQ(firstboot.exit_code, 1) << firstboot.err;
  ASSERT_TRUE(fs::exists(os_conf)) << firstboot.err;
  EXPECT_EQ(read_file(os_conf).find("password="), std::string::npos) << read_file(os_conf);
  EXPECT_NE(firstboot.err.find(family().refused_path), std::string::npos) << firstboot.err;
}

TEST_P(GuestPrecheck, GivesTheVerdictsTheSeedsImply) {
  TempDir dir;
  make_root(GetParam(), dir / "root");
  Report report = precheck(dir / "root");
  expect_valid(report);
  EXPECT_EQ(report.json.at("profile").as_string(), "aliyun-customized");
  EXPECT_EQ(report.result("release"), "OK") << report.text("release");
  // SELinux enforcing: an instance will not boot properly (seed 002 §3.1.1, image_check).
  EXPECT_EQ(report.result("selinux") == "FAILED", family().selinux_enforcing) << report.text("selinux");
  // The stock DHCP profile is what seed 002 §3.3.2 asks of every import (and the way in
  // when os.conf is absent).
  EXPECT_EQ(report.result("dhcp"), "OK") << report.text("dhcp");
}

INSTANTIATE_TEST_SUITE_P(Guests, GuestPrecheck, ::testing::ValuesIn(guests()),
                         [](const ::testing::TestParamInfo<Guest>& param) {
                           return param.param.test_name();
                         });

}  // namespace
}  // namespace image_agent::guests

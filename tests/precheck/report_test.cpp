// The report keeps what the cloud's image_check writes, in its formats (seed 002's
// image_check_report.json for CentOS 7.4), and says what it does not know.
#include "precheck/report.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>

#include "precheck/policy.h"
#include "precheck/registry.h"
#include "test_support/temp_dir.h"

namespace image_agent::precheck {
namespace {

const Policy& default_policy() {
  static const Policy policy = [] {
    std::set<std::string, std::less<>> ids;
    for (std::string_view id : spec_item_ids()) ids.emplace(id);
    return *parse_policy(default_policy_yaml(), ids);
  }();
  return policy;
}

/// A JSON string as a std::string; anything else as a text no expectation holds.
std::string text(const boost::json::value& value) {
  return value.is_string() ? std::string(value.as_string()) : "(not a string: " + serialize(value) + ")";
}

/// The header of a guest tree holding `files` (path, content), judged offline.
ReportHeader header_of(const std::vector<std::pair<std::string, std::string>>& files) {
  testing::TempDir dir;
  for (const auto& [path, content] : files) testing::write_file(dir / path, content);
  Result<RootFs> fs = RootFs::open(dir.path());
  EXPECT_TRUE(fs) << fs.error().message;
  return gather_header(Context(*fs, default_policy(), "aliyun", false));
}

TEST(ReportHeader, TimeInImageChecksFormatAndIsoBesideIt) {
  const ReportHeader h = header_of({});
  EXPECT_TRUE(std::regex_match(h.time, std::regex(R"(\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d)"))) << h.time;
  EXPECT_TRUE(std::regex_match(h.time_iso8601, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)")))
      << h.time_iso8601;
  std::string same = h.time;  // 2018-05-14_19-18-10 -> 2018-05-14T19:18:10
  same[10] = 'T';
  same[13] = same[16] = ':';
  EXPECT_EQ(h.time_iso8601.substr(0, 19), same) << "one instant, two spellings";
}

TEST(ReportHeader, SmallVersionIsTheMinorVersion) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> files;
    const char* big;
    const char* small;
    const char* whole;
  };
  for (const Case& c : {
           // CentOS 7's os-release says "7"; its centos-release has the rest, as the seed's "4".
           Case{{{"etc/os-release", "NAME=\"CentOS Linux\"\nID=\"centos\"\nVERSION_ID=\"7\"\n"},
                 {"etc/centos-release", "CentOS Linux release 7.4.1708 (Core)\n"}},
                "7",
                "4",
                "7.4.1708"},
           Case{{{"etc/os-release", "NAME=\"Red Hat Enterprise Linux\"\nID=rhel\nVERSION_ID=\"8.9\"\n"}},
                "8",
                "9",
                "8.9"},
           Case{{{"etc/os-release", "NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n"}},
                "12",
                "",
                "12"},
           Case{{{"etc/redhat-release", "CentOS release 6.10 (Final)\n"}}, "6", "10", "6.10"},
           Case{{}, "", "", ""},
       }) {
    const ReportHeader h = header_of(c.files);
    EXPECT_EQ(h.os_big_version, c.big) << c.whole;
    EXPECT_EQ(h.os_small_version, c.small) << c.whole;
    EXPECT_EQ(h.os_version, c.whole);
  }
}

TEST(ReportHeader, PlatformWithoutOsReleaseComesFromTheReleaseFile) {
  // Issue 13 #8: CentOS 6 and SLES 11 carry no os-release; image_check's example names the
  // platform "CentOS" (seed 002 §3.3.1).
  struct Case {
    std::vector<std::pair<std::string, std::string>> files;
    const char* platform;
    const char* pretty;
    const char* big;
    const char* small;
  };
  for (const Case& c : {
           Case{{{"etc/redhat-release", "CentOS release 6.10 (Final)\n"},
                 {"etc/centos-release", "CentOS release 6.10 (Final)\n"}},
                "CentOS",
                "CentOS release 6.10 (Final)",
                "6",
                "10"},
           Case{{{"etc/redhat-release", "Red Hat Enterprise Linux Server release 6.10 (Santiago)\n"}},
                "Red Hat Enterprise Linux",
                "Red Hat Enterprise Linux Server release 6.10 (Santiago)",
                "6",
                "10"},
           Case{{{"etc/SuSE-release",
                  "SUSE Linux Enterprise Server 11 (x86_64)\nVERSION = 11\nPATCHLEVEL = 4\n"}},
                "SUSE Linux Enterprise Server",
                "SUSE Linux Enterprise Server 11 (x86_64)",
                "11",
                "4"},
           Case{{}, "unknown", "unknown (no os-release)", "", ""},
       }) {
    const ReportHeader h = header_of(c.files);
    EXPECT_EQ(h.platform, c.platform);
    EXPECT_EQ(h.pretty_name, c.pretty);
    EXPECT_EQ(h.os_big_version, c.big) << c.platform;
    EXPECT_EQ(h.os_small_version, c.small) << c.platform;
  }
}

TEST(ReportHeader, PlainDirectoryHasNoSystemDiskSize) {
  // A temp dir is a directory inside the host's root file system, never an image's mount.
  const ReportHeader h = header_of({{"etc/os-release", "ID=debian\nVERSION_ID=12\n"}});
  EXPECT_EQ(h.system_disk_size, "") << "never the host's disk";
  EXPECT_FALSE(h.system_disk_bytes);
  EXPECT_NE(h.system_disk_unknown, "");
}

/// A report of two items on a header as image_check's example has it.
Verdict check_ok(const ItemContext&) {
  return ok("kvm driver exists", {{"path", "/lib/modules"}});
}
Verdict check_problem(const ItemContext& c) {
  return problem(c, 1, "SELINUX=enforcing in /etc/selinux/config", "Set SELINUX=disabled.");
}
const Item kDriver{"driver", "driver",          100,      "virtio drivers built in or in the initramfs",
                   "seed",   ItemKind::kSystem, &check_ok};
const Item kSelinux{"selinux", "security",        300,           "SELinux not enforcing",
                    "seed",    ItemKind::kSystem, &check_problem};

Report sample_report() {
  Report report;
  ReportHeader& h = report.header;
  h.platform = "CentOS Linux";
  h.os_big_version = "7";
  h.os_small_version = "4";
  h.os_version = "7.4.1708";
  h.os_version_source = "/etc/centos-release";
  h.architecture = "x86_64";
  h.system_disk_size = "42";
  h.system_disk = "vda";
  h.system_disk_bytes = uint64_t{42} << 30;
  h.version = "1.0.0";
  h.time = "2018-05-14_19-18-10";
  h.time_iso8601 = "2018-05-14T19:18:10+08:00";
  h.profile = "aliyun";
  h.root = "/";
  testing::TempDir dir;
  Result<RootFs> fs = RootFs::open(dir.path());
  Context context(*fs, default_policy(), "aliyun", false);
  report.outcomes = run_items(context, {&kDriver, &kSelinux}, RunnerOptions{});
  return report;
}

TEST(ReportJson, ItemDescriptionIsTheFindingCommentTheAdvice) {
  const boost::json::value json = boost::json::parse(render_json(sample_report()));
  const boost::json::array& items = json.at("check_items").as_array();
  ASSERT_EQ(items.size(), 2U);
  const boost::json::object& ok = items[0].as_object();
  EXPECT_EQ(text(ok.at("name")), "driver");
  EXPECT_EQ(text(ok.at("result")), "OK");
  EXPECT_EQ(text(ok.at("error_code")), "0");
  EXPECT_EQ(text(ok.at("description")), "kvm driver exists")
      << "what was found, as the seed's \"Pass : ...\"";
  EXPECT_EQ(text(ok.at("comment")), "virtio drivers built in or in the initramfs")
      << "nothing to fix: the rule";
  EXPECT_EQ(text(ok.at("rule")), "virtio drivers built in or in the initramfs");
  EXPECT_EQ(text(ok.at("remediation")), "");
  const boost::json::object& bad = items[1].as_object();
  EXPECT_EQ(text(bad.at("description")), "SELINUX=enforcing in /etc/selinux/config");
  EXPECT_EQ(text(bad.at("comment")), "Set SELINUX=disabled.");
  EXPECT_EQ(text(bad.at("rule")), "SELinux not enforcing");
  EXPECT_EQ(text(bad.at("remediation")), "Set SELINUX=disabled.");
}

TEST(ReportJson, TopLevelFieldsAreImageChecksStringsAndOursBeside) {
  const boost::json::value json = boost::json::parse(render_json(sample_report()));
  const boost::json::object& top = json.as_object();
  // The seed's example, field by field: every one a string.
  EXPECT_EQ(text(top.at("platform")), "CentOS Linux");
  EXPECT_EQ(text(top.at("os_big_version")), "7");
  EXPECT_EQ(text(top.at("os_small_version")), "4");
  EXPECT_EQ(text(top.at("architecture")), "x86_64");
  EXPECT_EQ(text(top.at("system_disk_size")), "42");
  EXPECT_EQ(text(top.at("version")), "1.0.0");
  EXPECT_EQ(text(top.at("time")), "2018-05-14_19-18-10");
  // Ours.
  EXPECT_EQ(text(top.at("os_version")), "7.4.1708");
  EXPECT_EQ(text(top.at("os_version_source")), "/etc/centos-release");
  EXPECT_EQ(text(top.at("time_iso8601")), "2018-05-14T19:18:10+08:00");
  EXPECT_EQ(text(top.at("system_disk").at("name")), "vda");
  EXPECT_EQ(top.at("system_disk").at("bytes").to_number<uint64_t>(), uint64_t{42} << 30);
  EXPECT_EQ(text(top.at("system_disk").at("unknown")), "");
}

TEST(ReportJson, UnknownDiskIsAnEmptySizeAndTheReason) {
  Report report = sample_report();
  report.header.system_disk_size = "";
  report.header.system_disk = "";
  report.header.system_disk_bytes.reset();
  report.header.system_disk_unknown = "/mnt/x is a directory, not the mount point of an image's file system";
  const boost::json::value json = boost::json::parse(render_json(report));
  EXPECT_EQ(text(json.at("system_disk_size")), "");
  EXPECT_TRUE(json.at("system_disk").at("bytes").is_null());
  EXPECT_EQ(text(json.at("system_disk").at("unknown")), report.header.system_disk_unknown);
  EXPECT_NE(
      render_text(report, false).find("System disk size: unknown (/mnt/x is a directory, not the mount"),
      std::string::npos)
      << render_text(report, false);
}

TEST(ReportText, SystemDiskSizeInGiB) {
  EXPECT_NE(render_text(sample_report(), false).find("System disk size: 42 GiB\n"), std::string::npos);
}

TEST(ReportText, GeneratedLineIsImageChecksWordForWord) {
  // seed 002: "The report is generated : /root/image_check_report_2018-05-14_18-18-10.txt"
  EXPECT_EQ(report_generated_line("/root/image_check_report_2018-05-14_18-18-10.txt"),
            "The report is generated : /root/image_check_report_2018-05-14_18-18-10.txt\n");
}

}  // namespace
}  // namespace image_agent::precheck

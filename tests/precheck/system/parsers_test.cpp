// The pure parsers of the system items, table-driven on strings.
#include <gtest/gtest.h>

#include <map>

#include "precheck/facts/cloud_init.h"
#include "precheck/facts/packages.h"
#include "precheck/facts/private_key.h"
#include "precheck/facts/selinux_config.h"
#include "precheck/facts/sshd_config.h"
#include "precheck/facts/version.h"
#include "sysprep/text_rules.h"

namespace image_agent::precheck {
namespace {

// Include targets by pattern, as an in-memory /etc/ssh would resolve them.
SshdIncludeReader fake_includes(
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> files) {
  return [files](const std::string& pattern, std::vector<std::string>& unreadable) {
    auto it = files.find(pattern);
    if (it == files.end()) {
      unreadable.push_back(pattern);
      return std::vector<std::pair<std::string, std::string>>{};
    }
    return it->second;
  };
}

struct SshdCase {
  const char* name;
  const char* text;
  const char* want;  // the global PermitRootLogin, "" when unset
  size_t in_match;   // PermitRootLogin values inside Match blocks
};

TEST(SshdConfigParser, GlobalValueFollowsFirstMatchAndIncludeRules) {
  const auto includes = fake_includes({
      {"sshd_config.d/*.conf", {{"/etc/ssh/sshd_config.d/10-root.conf", "PermitRootLogin no\n"}}},
      {"/etc/ssh/match.conf", {{"/etc/ssh/match.conf", "Match User bob\nPermitRootLogin yes\n"}}},
  });
  const SshdCase cases[] = {
      {"plain", "PermitRootLogin no\n", "no", 0},
      {"case-insensitive keyword", "permitrootlogin yes\n", "yes", 0},
      {"equals sign", "PermitRootLogin=no\n", "no", 0},
      {"equals with spaces", "PermitRootLogin = without-password\n", "without-password", 0},
      {"first value wins", "PermitRootLogin yes\nPermitRootLogin no\n", "yes", 0},
      {"comment and blank", "# PermitRootLogin no\n\n  \n", "", 0},
      {"quoted", "PermitRootLogin \"no\"\n", "no", 0},
      {"tab separated, CRLF", "PermitRootLogin\tno\r\n", "no", 0},
      {"include first wins", "Include sshd_config.d/*.conf\nPermitRootLogin yes\n", "no", 0},
      {"after include", "PermitRootLogin yes\nInclude sshd_config.d/*.conf\n", "yes", 0},
      {"match is not global", "Match User alice\nPermitRootLogin no\n", "", 1},
      {"match all returns to global", "Match User alice\nX y\nMatch all\nPermitRootLogin no\n", "no", 0},
      {"include inside match", "Match Address 10.0.0.0/8\nInclude sshd_config.d/*.conf\n", "", 1},
      {"match in include ends with the file", "Include /etc/ssh/match.conf\nPermitRootLogin no\n", "no", 1},
      {"missing include", "Include nothing/*.conf\nPermitRootLogin no\n", "no", 0},
  };
  for (const SshdCase& c : cases) {
    SshdConfig config = parse_sshd_config(c.text, "/etc/ssh/sshd_config", includes);
    const SshdSetting* setting = config.find("permitrootlogin");
    EXPECT_EQ(setting ? setting->value : "", c.want) << c.name;
    EXPECT_EQ(config.in_match.count("permitrootlogin"), c.in_match) << c.name;
  }
}

TEST(SshdConfigParser, RecordsFileAndLineOfTheDecidingValue) {
  const auto includes = fake_includes(
      {{"sshd_config.d/*.conf", {{"/etc/ssh/sshd_config.d/10-root.conf", "\nPermitRootLogin no\n"}}}});
  SshdConfig config =
      parse_sshd_config("Port 22\nInclude sshd_config.d/*.conf\n", "/etc/ssh/sshd_config", includes);
  ASSERT_NE(config.find("permitrootlogin"), nullptr);
  EXPECT_EQ(config.find("permitrootlogin")->file, "/etc/ssh/sshd_config.d/10-root.conf");
  EXPECT_EQ(config.find("permitrootlogin")->line, 2);
  EXPECT_EQ(config.files.size(), 2u);
  EXPECT_TRUE(config.unreadable.empty());
}

TEST(SshdConfigParser, SelfIncludeStopsAtTheDepthLimit) {
  const auto includes = fake_includes({{"loop.conf", {{"/etc/ssh/loop.conf", "Include loop.conf\n"}}}});
  SshdConfig config = parse_sshd_config("Include loop.conf\n", "/etc/ssh/sshd_config", includes);
  EXPECT_EQ(config.unreadable.size(), 1u);
}

TEST(GlobMatch, MatchesLikeFnmatch) {
  EXPECT_TRUE(glob_match("*.conf", "10-a.conf"));
  EXPECT_FALSE(glob_match("*.conf", "10-a.conf.bak"));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_TRUE(glob_match("[0-9]*", "50-cloud.conf"));
  EXPECT_FALSE(glob_match("[!0-9]*", "50-cloud.conf"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_FALSE(glob_match("x", ""));
}

TEST(SelinuxConfigParser, ReadsTheLastModeCaseInsensitively) {
  struct Case {
    const char* text;
    SelinuxMode mode;
    const char* value;
  };
  const Case cases[] = {
      {"SELINUX=enforcing\nSELINUXTYPE=targeted\n", SelinuxMode::kEnforcing, "enforcing"},
      {"SELINUX=Enforcing\n", SelinuxMode::kEnforcing, "Enforcing"},
      {"SELINUX = permissive \n", SelinuxMode::kPermissive, "permissive"},
      {"SELINUX=\"disabled\"\n", SelinuxMode::kDisabled, "disabled"},
      {"# SELINUX=enforcing\n", SelinuxMode::kUnset, ""},
      {"SELINUX=enforcing\nSELINUX=disabled\n", SelinuxMode::kDisabled, "disabled"},
      {"SELINUX=strict\n", SelinuxMode::kUnknown, "strict"},
      {"", SelinuxMode::kUnset, ""},
  };
  for (const Case& c : cases) {
    SelinuxConfig config = parse_selinux_config(c.text);
    EXPECT_EQ(config.mode, c.mode) << c.text;
    EXPECT_EQ(config.value, c.value) << c.text;
  }
  EXPECT_EQ(parse_selinux_config("SELINUX=enforcing\nSELINUXTYPE=mls\n").type, "mls");
  EXPECT_EQ(parse_selinux_config("\n# x\nSELINUX=enforcing\n").line, 3);
}

TEST(DpkgStatusParser, OnlyInstalledStateCounts) {
  std::vector<DpkgPackage> packages = parse_dpkg_status(
      "Package: qemu-guest-agent\nStatus: install ok installed\nVersion: 1:7.2+dfsg-7\nDescription: x\n "
      "more\n\n"
      "Package: cloud-init\nStatus: deinstall ok config-files\nVersion: 22.4\n\n"
      "Package: openssh-server\nStatus: hold ok installed\nVersion: 1:9.2p1-2\n\n"
      "Package: half\nStatus: install reinstreq half-installed\n");
  ASSERT_EQ(packages.size(), 2u);
  EXPECT_EQ(packages[0].name, "qemu-guest-agent");
  EXPECT_EQ(packages[0].version, "1:7.2+dfsg-7");
  EXPECT_EQ(packages[1].name, "openssh-server");
  EXPECT_TRUE(parse_dpkg_status("").empty());
}

TEST(CompareVersions, NumericDottedIgnoringEpochAndSuffix) {
  struct Case {
    const char* a;
    const char* b;
    int sign;
  };
  const Case cases[] = {{"0.7.9", "0.7.9", 0},
                        {"0.7.10", "0.7.9", 1},
                        {"0.7.8", "0.7.9", -1},
                        {"23.4", "0.7.9", 1},
                        {"0.7.9-1ubuntu1", "0.7.9", 0},
                        {"1:0.7.5-3", "0.7.9", -1},
                        {"22.4.2+dfsg", "22.4.10", -1},
                        {"1.0", "1", 0},
                        {"", "0.7.9", -1}};
  for (const Case& c : cases) {
    int result = compare_versions(c.a, c.b);
    EXPECT_EQ((result > 0) - (result < 0), c.sign) << c.a << " vs " << c.b;
  }
}

TEST(CloudInitParsers, VersionAndDatasourceList) {
  EXPECT_EQ(parse_cloud_init_version("import x\n__VERSION__ = \"23.4.1\"\n_PACKAGED_VERSION = '@@'\n"),
            "23.4.1");
  EXPECT_EQ(parse_cloud_init_version("__VERSION__ = '0.7.9'\n"), "0.7.9");
  EXPECT_EQ(parse_cloud_init_version("nothing here\n"), "");

  auto flow = parse_datasource_list("datasource_list: [ NoCloud, AliYun, None ]\n");
  ASSERT_TRUE(flow.ok());
  ASSERT_TRUE(flow->has_value());
  EXPECT_EQ(**flow, (std::vector<std::string>{"NoCloud", "AliYun", "None"}));
  auto block = parse_datasource_list("datasource_list:\n  - Oracle\n");
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(**block, std::vector<std::string>{"Oracle"});
  auto unset = parse_datasource_list("users: [default]\n");
  ASSERT_TRUE(unset.ok());
  EXPECT_FALSE(unset->has_value());
  EXPECT_FALSE(parse_datasource_list("datasource_list: [a, b\n").ok());
  // Debian's 05_logging.cfg: yaml-cpp cannot read it, and it sets no datasource_list.
  auto logging = parse_datasource_list(
      "_log:\n - &log_base |\n   [loggers]\n   keys=root,cloudinit\n   \n   [handlers]\n   keys=x\n"
      "log_cfgs:\n - [ *log_base, *log_syslog ]\n");
  ASSERT_TRUE(logging.ok()) << logging.error().message;
  EXPECT_FALSE(logging->has_value());
  auto empty = parse_datasource_list("");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->has_value());
}

TEST(PrivateKeyRules, AgreeWithSysprep) {
  const char* samples[] = {
      "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n",
      "-----BEGIN RSA PRIVATE KEY-----\r\nabc\r\n",
      "  -----BEGIN ENCRYPTED PRIVATE KEY-----  \n",
      "PuTTY-User-Key-File-3: ssh-ed25519\n",
      "ssh-ed25519 AAAA user@host\n",
      "-----BEGIN PUBLIC KEY-----\n",
      "text -----BEGIN RSA PRIVATE KEY-----\n",
      "",
  };
  for (const char* sample : samples)
    EXPECT_EQ(looks_like_private_key(sample), sysprep::looks_like_private_key(sample)) << sample;
  EXPECT_TRUE(named_like_private_key("id_ed25519"));
  EXPECT_TRUE(named_like_private_key("identity"));
  EXPECT_FALSE(named_like_private_key("id_ed25519.pub"));
  EXPECT_FALSE(named_like_private_key("authorized_keys"));
}

}  // namespace
}  // namespace image_agent::precheck

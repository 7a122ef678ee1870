// sshd_config with its Include and Match rules, table-tested on strings.
#include "guest/sshd_config.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace image_agent::guest {
namespace {

// Include targets by pattern, as an in-memory /etc/ssh would resolve them.
SshdIncludeReader fake_includes(
    const std::map<std::string, std::vector<std::pair<std::string, std::string>>>& files) {
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

}  // namespace
}  // namespace image_agent::guest

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

// Found by tests/fuzz (sshd_config): a file that includes its own glob twice doubled the
// work at every level, 2^16 files read before the depth limit (22 s on one input, hours
// with three Include lines). sshd gives up at the first include nested too deep; so does
// the parser. The reader stops answering after 5000 calls so the old code fails, not hangs.
TEST(SshdConfigParser, IncludeDoublingAtEveryLevelStopsAtTheFirstTooDeep) {
  int calls = 0;
  SshdIncludeReader reader = [&calls](const std::string&, std::vector<std::string>&) {
    std::vector<std::pair<std::string, std::string>> files;
    if (++calls <= 5000)
      files.emplace_back("/etc/ssh/sshd_config.d/a.conf",
                         "Include sshd_config.d/*.conf\nInclude sshd_config.d/*.conf\n");
    return files;
  };
  SshdConfig config =
      parse_sshd_config("Include sshd_config.d/*.conf\nPermitRootLogin no\n", "/etc/ssh/sshd_config", reader);
  EXPECT_LE(calls, 20);
  EXPECT_LE(config.files.size(), 20u);
  ASSERT_EQ(config.unreadable.size(), 1u);
  EXPECT_NE(config.unreadable[0].find("nested too deep"), std::string::npos) << config.unreadable[0];
}

TEST(SshdConfigParser, IncludesStopAfterTwoHundredFiftySixFiles) {
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 300; ++i)
    many.emplace_back("/etc/ssh/sshd_config.d/" + std::to_string(i) + ".conf", "Port 22\n");
  SshdConfig config = parse_sshd_config("Include sshd_config.d/*.conf\n", "/etc/ssh/sshd_config",
                                        fake_includes({{"sshd_config.d/*.conf", many}}));
  EXPECT_EQ(config.files.size(), 256u);
  ASSERT_EQ(config.unreadable.size(), 1u);
  EXPECT_NE(config.unreadable[0].find("more than 256 files"), std::string::npos) << config.unreadable[0];
}

}  // namespace
}  // namespace image_agent::guest

#include "platform/agent_config.h"

#include <gtest/gtest.h>

#include "test_support/temp_dir.h"

namespace image_agent {
namespace {

TEST(ParseAgentConfig, EmptyMeansDefaults) {
  Result<AgentConfig> config = parse_agent_config("");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->log_level, log::Level::kInfo);
  EXPECT_EQ(config->log_target, log::Target::kAuto);
  EXPECT_TRUE(parse_agent_config("# only a comment\n"));
}

TEST(ParseAgentConfig, ReadsLogSettings) {
  Result<AgentConfig> config = parse_agent_config("log:\n  level: debug\n  target: stderr\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->log_level, log::Level::kDebug);
  EXPECT_EQ(config->log_target, log::Target::kStderr);
}

TEST(ParseAgentConfig, ErrorsNameTheLine) {
  struct Case {
    const char* yaml;
    const char* message;
  };
  for (const Case& c : {Case{"log:\n  levl: debug\n", "line 2, column 3: unknown key 'log.levl'"},
                        Case{"logging: {}\n", "line 1, column 1: unknown key 'logging'"},
                        Case{"log:\n  level: loud\n", "line 2, column 10: log.level 'loud'"},
                        Case{"log:\n  target: syslog\n", "line 2, column 11: log.target 'syslog'"},
                        Case{"log: [1, 2]\n", "'log' must be a mapping"},
                        Case{"- a\n- b\n", "must be a mapping"}, Case{"log: {level: [\n", "line "}}) {
    Result<AgentConfig> config = parse_agent_config(c.yaml);
    ASSERT_FALSE(config) << c.yaml;
    EXPECT_NE(config.error().message.find(c.message), std::string::npos)
        << c.yaml << " gave: " << config.error().message;
  }
}

TEST(LoadAgentConfig, MissingFileIsFineOnlyWhenOptional) {
  testing::TempDir dir;
  EXPECT_TRUE(load_agent_config(dir / "none.yaml", false));
  Result<AgentConfig> required = load_agent_config(dir / "none.yaml", true);
  ASSERT_FALSE(required);
  EXPECT_NE(required.error().message.find("none.yaml"), std::string::npos);
  testing::write_file(dir / "bad.yaml", "log:\n  level: loud\n");
  Result<AgentConfig> bad = load_agent_config(dir / "bad.yaml", false);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("bad.yaml: line 2"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace image_agent

#pragma once

#include <string>
#include <string_view>

#include "platform/log.h"
#include "platform/result.h"

namespace image_agent {

/// The agent's own settings, from /etc/image-agent/image-agent.yaml (or --config FILE).
/// Every key is optional; a missing file means all defaults.
struct AgentConfig {
  log::Level log_level = log::Level::kInfo;
  log::Target log_target = log::Target::kAuto;
};

inline constexpr const char* kDefaultConfigPath = "/etc/image-agent/image-agent.yaml";

/// Parses the YAML text. Unknown keys and bad values are errors naming line and column,
/// so a typo is never silently ignored.
Result<AgentConfig> parse_agent_config(std::string_view yaml);

/// Reads a host file (not a guest path: the agent's configuration belongs to the machine
/// running it). When `must_exist` is false, a missing file gives the defaults.
Result<AgentConfig> load_agent_config(const std::string& path, bool must_exist);

}  // namespace image_agent

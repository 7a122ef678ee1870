#include "platform/agent_config.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

namespace image_agent {
namespace {

std::string where(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

Error config_error(const YAML::Node& node, const std::string& what) {
  return Error{where(node) + ": " + what, EINVAL};
}

Result<void> read_log_section(const YAML::Node& section, AgentConfig* config) {
  if (!section.IsMap()) return config_error(section, "'log' must be a mapping");
  for (const auto& item : section) {
    const std::string key = item.first.as<std::string>();
    const YAML::Node& value = item.second;
    if (!value.IsScalar()) return config_error(value, "'log." + key + "' must be a scalar");
    const std::string text = value.as<std::string>();
    if (key == "level") {
      if (!log::parse_level(text, &config->log_level)) {
        return config_error(value, "log.level '" + text + "': use error, warning, notice, info or debug");
      }
    } else if (key == "target") {
      if (text == "auto") {
        config->log_target = log::Target::kAuto;
      } else if (text == "journal") {
        config->log_target = log::Target::kJournal;
      } else if (text == "stderr") {
        config->log_target = log::Target::kStderr;
      } else {
        return config_error(value, "log.target '" + text + "': use auto, journal or stderr");
      }
    } else {
      return config_error(item.first, "unknown key 'log." + key + "'");
    }
  }
  return {};
}

}  // namespace

Result<AgentConfig> parse_agent_config(std::string_view yaml) {
  AgentConfig config;
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    if (root.IsNull()) return config;
    if (!root.IsMap()) return config_error(root, "the configuration must be a mapping");
    for (const auto& item : root) {
      const std::string key = item.first.as<std::string>();
      if (key == "log") {
        if (auto r = read_log_section(item.second, &config); !r) return r.error();
      } else {
        return config_error(item.first, "unknown key '" + key + "'");
      }
    }
  } catch (const YAML::Exception& e) {
    return Error{"line " + std::to_string(e.mark.line + 1) + ", column " + std::to_string(e.mark.column + 1) +
                     ": " + e.msg,
                 EINVAL};
  }
  return config;
}

Result<AgentConfig> load_agent_config(const std::string& path, bool must_exist) {
  std::ifstream file(path);
  if (!file) {
    if (!must_exist && errno == ENOENT) return AgentConfig{};
    return Error::from_errno("read configuration " + path);
  }
  std::ostringstream text;
  text << file.rdbuf();
  Result<AgentConfig> config = parse_agent_config(text.str());
  if (!config) return Error{path + ": " + config.error().message, config.error().code};
  return config;
}

}  // namespace image_agent

#pragma once

// cloud-init as installed in the guest: its version and the datasources it will try.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/result.h"
#include "precheck/context.h"

namespace image_agent::precheck {

/// Pure: the version in cloudinit/version.py (`__VERSION__ = "23.4.1"`), or "".
std::string parse_cloud_init_version(std::string_view version_py);

/// Pure: `datasource_list` of one cloud.cfg file, nullopt when the file does not set it.
/// Invalid YAML is an error.
Result<std::optional<std::vector<std::string>>> parse_datasource_list(std::string_view yaml);

struct CloudInit {
  bool installed = false;
  std::string evidence;        ///< what shows it is installed
  std::string version;         ///< "" when it cannot be told
  std::string version_source;  ///< dpkg, or the version.py read
  /// The effective datasource_list (/etc/cloud/cloud.cfg, then cloud.cfg.d/*.cfg in
  /// order, the last setting wins); nullopt = not set: cloud-init tries every source.
  std::optional<std::vector<std::string>> datasources;
  std::string datasources_source;
  std::vector<std::string> errors;  ///< config files that could not be parsed
};

/// Read once per run.
const CloudInit& cloud_init(const Context& context);

}  // namespace image_agent::precheck

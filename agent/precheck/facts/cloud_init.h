#pragma once

// cloud-init as installed in the guest: its version and its configuration
// (guest/cloud_init.h reads and merges it, as firstboot does).
#include <string>
#include <string_view>
#include <vector>

#include "guest/cloud_init.h"
#include "precheck/context.h"

namespace image_agent::precheck {

/// Pure: the version in cloudinit/version.py (`__VERSION__ = "23.4.1"`), or "".
std::string parse_cloud_init_version(std::string_view version_py);

struct CloudInit {
  bool installed = false;
  std::string evidence;        ///< what shows it is installed
  std::string version;         ///< "" when it cannot be told
  std::string version_source;  ///< dpkg, or the version.py read
  /// /etc/cloud/cloud.cfg and cloud.cfg.d/*.cfg as they are, in merge order.
  std::vector<guest::CloudConfigFile> files;
  /// `files` merged; its errors include files that could not be read.
  guest::EffectiveCloudConfig config;
};

/// Read once per run.
const CloudInit& cloud_init(const Context& context);

}  // namespace image_agent::precheck

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firstboot/secret.h"
#include "firstboot/settings.h"

namespace image_agent::firstboot {

/// A problem found in os.conf, with its line (0 when it concerns the file as a whole).
struct Issue {
  int line = 0;
  std::string key;
  std::string message;
};

/// One setting group of os.conf. Each group is validated on its own: an invalid group
/// has errors and no value, and does not stop the others.
template <typename T>
struct Group {
  std::optional<T> value;
  std::vector<Issue> errors;

  /// The file mentions the group at all (a valid value or errors).
  bool present() const { return value.has_value() || !errors.empty(); }
};

struct OsConf {
  Group<std::string> hostname;
  Group<Secret> password;
  Group<NetworkSettings> network;
  Group<DnsSettings> dns;
  std::vector<Issue> file_errors;  ///< lines that belong to no group (not KEY=VALUE at all)
  std::vector<Issue> warnings;     ///< unknown keys, reported and ignored

  bool has_errors() const {
    return !file_errors.empty() || !hostname.errors.empty() || !password.errors.empty() ||
           !network.errors.empty() || !dns.errors.empty();
  }
};

/// Parses and validates os.conf text (data, never code: see shell_assignments.h).
OsConf parse_os_conf(std::string_view text);

}  // namespace image_agent::firstboot

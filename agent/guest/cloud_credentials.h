#pragma once

// Where cloud and container tools keep credentials in a home. One list for the two engines
// that care: precheck's sensitive_data item reports what is there and sysprep's
// cloud-credentials operation removes it, so an image sysprep cleaned passes precheck.
// Seed 003, step 1: remove access credentials kept in configuration files before an image
// is made from the instance.
#include <span>
#include <string_view>

namespace image_agent::guest {

struct CloudCredential {
  std::string_view path;  ///< relative to a home: ".aws", ".kube/config"
  /// The whole directory holds credentials and the tool's own state, nothing of the
  /// user's: all of it goes. Otherwise `path` is the one file with credentials, and its
  /// neighbours (caches, daemon settings) stay.
  bool directory = false;
  std::string_view holds;  ///< what secret is there, for --list and comments
};

/// Every location, in a fixed order.
std::span<const CloudCredential> cloud_credentials();

}  // namespace image_agent::guest

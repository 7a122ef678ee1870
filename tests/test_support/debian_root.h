#pragma once

#include <string>

namespace image_agent::testing {

/// A real Debian bookworm root (minbase + `packages`, comma-separated) built with
/// mmdebstrap by tests/sysprep/make-debian-root and cached as a tarball; extracted into
/// `dir` with owners and modes. Returns "" with `skip_reason` set when this machine cannot
/// build one (not root, no mmdebstrap, no mirror); a failed build is a test failure.
std::string extract_debian_root(const std::string& packages, const std::string& dir,
                                std::string* skip_reason);

}  // namespace image_agent::testing

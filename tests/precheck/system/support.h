#pragma once

#include <string>
#include <string_view>

#include "precheck/item.h"
#include "precheck/parsed_default_policy.h"
#include "precheck/policy.h"
#include "test_support/temp_dir.h"

namespace image_agent::precheck::testing {

/// A guest root in a temp dir, built file by file with guest paths.
class SyntheticRoot {
 public:
  const std::string& path() const { return root_; }
  std::string host(std::string_view guest) const { return root_ + std::string(guest); }

  /// Writes a file (creating its directories).
  SyntheticRoot& file(std::string_view guest, std::string_view content = "", mode_t mode = 0644);
  SyntheticRoot& dir(std::string_view guest);
  /// A symlink at `guest` pointing to `target` as written.
  SyntheticRoot& link(std::string_view target, std::string_view guest);
  /// An executable at `guest`.
  SyntheticRoot& program(std::string_view guest) { return file(guest, "#!/bin/sh\n", 0755); }

 private:
  image_agent::testing::TempDir dir_;
  std::string root_ = dir_ / "root";
};

/// Runs the system item `id` on `root` in `profile` (the compiled-in default policy).
Verdict run_item(std::string_view id, const std::string& root, const std::string& profile = "aliyun");

/// "OK 0", "WARNING 802": status and code in one string, for readable assertions.
std::string outcome(const Verdict& verdict);

/// A root that passes every system item of the aliyun profile (Debian-like, systemd).
void make_good_root(SyntheticRoot& root);

}  // namespace image_agent::precheck::testing

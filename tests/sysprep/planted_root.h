#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sysprep/apply.h"
#include "test_support/temp_dir.h"

namespace image_agent::sysprep::testing {

/// A synthetic guest with one or more of every kind of leftover sysprep removes, things
/// next to them that must stay, symlinks planted to lure it out of the root
/// ("outside/secret") and into the guest's /etc/shadow, and a file outside the root.
class PlantedRoot {
 public:
  PlantedRoot();

  /// The guest's root directory (host path).
  const std::string& root() const { return root_; }
  /// A host path inside the guest: root() + guest path.
  std::string operator/(std::string_view guest) const { return root_ + std::string(guest); }
  /// The directory holding root(), with the "outside" file next to it.
  const image_agent::testing::TempDir& dir() const { return dir_; }
  std::string outside_secret() const { return dir_ / "outside/secret"; }

  static constexpr std::string_view kMachineId = "4f1c2b3a4d5e6f708192a3b4c5d6e7f8\n";
  static constexpr std::string_view kShadow = "root:$6$salt$hash:19000:0:99999:7:::\nalice:!:19000::::::\n";
  static constexpr std::string_view kPrivateKey =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

 private:
  image_agent::testing::TempDir dir_;
  std::string root_;
};

/// Runs the operations `ids` (plan, then apply) on the guest at `root`; summed counts.
Counts run_operations(const std::string& root, const std::vector<std::string_view>& ids,
                      bool cross_mounts = false);

/// Makes a symlink (host paths), creating the link's directory.
void make_symlink(const std::string& target, const std::string& link);

}  // namespace image_agent::sysprep::testing

#pragma once

#include <string>

namespace image_agent::testing {

/// Moves this test process into a mount namespace of its own (once; every mount private)
/// and returns why it could not, or "". Call it before opening a directory the test's
/// mounts must be seen through: a descriptor opened before keeps resolving in the old
/// namespace, where they do not exist (and where mount IDs differ).
std::string own_mount_namespace();

/// `mount --bind SOURCE TARGET` made in this test process's own mount namespace (unshared
/// once, every mount private), so neither the host nor other tests see it; children the
/// test starts do. Unmounted when destroyed, also when the test fails: declare it after
/// the TempDir holding TARGET, or removing the directory would reach through the mount.
class ScopedBindMount {
 public:
  /// Binds `source` onto `target`, which must exist (a directory for a directory).
  ScopedBindMount(const std::string& source, const std::string& target);
  ~ScopedBindMount();
  ScopedBindMount(const ScopedBindMount&) = delete;
  ScopedBindMount& operator=(const ScopedBindMount&) = delete;

  /// Why the mount could not be made (not root, no CLONE_NEWNS, mount refused), or "".
  const std::string& skip_reason() const { return skip_reason_; }

 private:
  std::string target_;
  std::string skip_reason_;
};

}  // namespace image_agent::testing

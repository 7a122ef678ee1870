#pragma once

#include <any>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "platform/root_fs.h"
#include "precheck/item.h"
#include "precheck/policy.h"

namespace image_agent::precheck {

/// Everything a check may look at. Checks read the guest only through fs() (never the
/// guest's binaries: an offline root must not run them), host facts (sysfs, the block
/// device behind the root mount) through the paths here, and share expensive facts
/// (fstab, the probed root device, the kernel list) through fact(), computed once.
/// Thread-safe: checks run concurrently.
class Context {
 public:
  Context(const RootFs& fs, const Policy& policy, std::string profile, bool live);

  const RootFs& fs() const { return fs_; }
  /// Inspecting the running system (root is "/") rather than a mounted image.
  bool live() const { return live_; }
  /// Running with euid 0: some facts (raw block devices, /etc/shadow) need it.
  bool privileged() const { return privileged_; }
  /// The host's sysfs and mount table: block-device facts of the root mount come from
  /// here in both live and --root modes. Tests point them at fakes.
  const std::string& sysfs() const { return sysfs_; }
  const std::string& mountinfo() const { return mountinfo_; }
  void set_host_paths(std::string sysfs, std::string mountinfo);

  const std::string& profile() const { return profile_; }
  const Policy& policy() const { return policy_; }

  /// A shared fact: `compute` runs once per key for the whole run, whichever check asks
  /// first; later callers get the same value. T must be the same for one key.
  template <typename T>
  const T& fact(const std::string& key, const std::function<T()>& compute) const {
    Slot& slot = slot_for(key);
    std::call_once(slot.once, [&] { slot.value = std::make_shared<T>(compute()); });
    return *std::any_cast<std::shared_ptr<T>&>(slot.value);
  }

 private:
  struct Slot {
    std::once_flag once;
    std::any value;
  };
  Slot& slot_for(const std::string& key) const;

  const RootFs& fs_;
  const Policy& policy_;
  std::string profile_;
  bool live_;
  bool privileged_;
  std::string sysfs_ = "/sys";
  std::string mountinfo_ = "/proc/self/mountinfo";
  mutable std::mutex slots_mutex_;
  mutable std::map<std::string, std::unique_ptr<Slot>, std::less<>> slots_;
};

/// What one check sees: the run's Context (the guest, host paths, shared facts) and the
/// item being judged, whose code block and policy values (severity, thresholds, lists)
/// problem() and the check use. The runner makes one per item and passes it in, so
/// concurrent checks never share "the current item".
class ItemContext {
 public:
  ItemContext(const Context& run, const Item& item) : run_(run), item_(item) {}

  /// Facts take the run's Context: they are shared by every item.
  operator const Context&() const { return run_; }  // NOLINT(google-explicit-constructor)
  const Context& run() const { return run_; }
  const Item& item() const { return item_; }

  const RootFs& fs() const { return run_.fs(); }
  bool live() const { return run_.live(); }
  bool privileged() const { return run_.privileged(); }
  const std::string& sysfs() const { return run_.sysfs(); }
  const std::string& mountinfo() const { return run_.mountinfo(); }
  const std::string& profile() const { return run_.profile(); }
  template <typename T>
  const T& fact(const std::string& key, const std::function<T()>& compute) const {
    return run_.fact<T>(key, compute);
  }

  /// WARNING or FAILED for this item in the run's profile.
  Status severity() const;
  /// A number from the policy for this item ("warn_below_gib"), or `fallback`.
  double threshold(std::string_view key, double fallback) const;
  /// A list from the policy for this item ("supported"), empty if none.
  std::vector<std::string> list(std::string_view key) const;
  /// A true/false option from the policy for this item ("root_password_login"), or `fallback`.
  bool flag(std::string_view key, bool fallback = false) const;

 private:
  const Context& run_;
  const Item& item_;
};

}  // namespace image_agent::precheck

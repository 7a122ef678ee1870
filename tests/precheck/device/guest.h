#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "platform/root_fs.h"
#include "precheck/context.h"
#include "precheck/facts/disk_probe.h"
#include "precheck/facts/fs_usage.h"
#include "precheck/item.h"
#include "precheck/parsed_default_policy.h"
#include "precheck/policy.h"
#include "test_support/temp_dir.h"

namespace image_agent::precheck::testing {

/// The device item `id` from the registry.
const Item& device_item(std::string_view id);

/// A guest root in a temp dir (or an existing directory), a Context on it with the
/// default policy, and a fake sysfs and mountinfo beside it.
class Guest {
 public:
  explicit Guest(std::string profile = "aliyun", bool live = false, std::string root = {});

  const std::string& root() const { return root_; }
  std::string host(std::string_view guest_path) const { return root_ + std::string(guest_path); }
  /// Writes a file of the guest, creating its directories.
  void write(std::string_view guest_path, std::string_view content) const;
  void mkdir(std::string_view guest_path) const;

  /// A fake sysfs with disk `disk` (major 240, a local/experimental number no real disk has) of `bytes`, its
  /// partitions 1..`partitions`, and a mountinfo line mounting partition `root_partition` (0: the disk) on
  /// the root, or on `mount_point` (a parent of the root: the root is then a plain directory in it).
  void fake_disk(const std::string& disk, uint64_t bytes, int partitions, int root_partition,
                 const std::string& mount_point = {});
  /// Root on device-mapper dm-0 (major 241) over partition `partition` of `disk`, whose
  /// dm/uuid is `uuid` ("LVM-...", "CRYPT-LUKS2-...").
  void fake_dm_root(const std::string& disk, int partition, const std::string& uuid);
  /// Another disk in the fake sysfs (a data disk).
  void fake_extra_disk(const std::string& disk, unsigned minor, uint64_t bytes);
  /// Uses the real /sys and /proc/self/mountinfo.
  void real_host();

  /// Fixes a fact before any item computes it.
  void seed(const DiskFacts& facts) const;
  void seed(const FsUsage& usage) const;

  const Context& context() const { return *context_; }
  Verdict run(std::string_view id) const;

 private:
  std::unique_ptr<::image_agent::testing::TempDir> dir_;
  std::string root_;
  std::string sysfs_;
  std::optional<RootFs> fs_;
  std::unique_ptr<Context> context_;
};

/// A probed file system of `type`.
ProbedFs probed(std::string type, std::string uuid = {}, std::string label = {});

/// A disk layout with one partition per (type, uuid), numbered from 1, in table `table`.
DiskFacts disk_with(std::string table, std::vector<ProbedFs> partitions, int root_partition);

/// A cpio newc archive of `names` (regular files with `content`, directories for names
/// ending in '/'), with its trailer: what the kernel's initramfs holds.
std::string cpio_newc(const std::vector<std::string>& names, std::string_view content = "x");

}  // namespace image_agent::precheck::testing

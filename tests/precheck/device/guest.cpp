#include "guest.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "precheck/registry.h"

namespace image_agent::precheck::testing {

namespace stdfs = std::filesystem;
using ::image_agent::testing::write_file;

const Item& device_item(std::string_view id) {
  for (const Item& item : device_items())
    if (item.id == id) return item;
  throw std::runtime_error("no device item " + std::string(id));
}

Guest::Guest(std::string profile, bool live, std::string root)
    : dir_(std::make_unique<::image_agent::testing::TempDir>()) {
  root_ = root.empty() ? (*dir_ / "root") : root;
  sysfs_ = *dir_ / "sys";
  stdfs::create_directories(root_);
  stdfs::create_directories(sysfs_);
  root_ = stdfs::canonical(root_);
  Result<RootFs> fs = RootFs::open(root_);
  if (!fs) throw std::runtime_error(fs.error().message);
  fs_.emplace(std::move(*fs));
  context_ = std::make_unique<Context>(*fs_, default_policy(), std::move(profile), live);
  write_file(*dir_ / "mountinfo", "");
  context_->set_host_paths(sysfs_, *dir_ / "mountinfo");
}

void Guest::write(std::string_view guest_path, std::string_view content) const {
  write_file(host(guest_path), content);
}

void Guest::mkdir(std::string_view guest_path) const {
  stdfs::create_directories(host(guest_path));
}

namespace {

void device_dir(const std::string& dir, const std::string& dev, const std::string& sysfs,
                const std::string& name) {
  stdfs::create_directories(dir);
  write_file(dir + "/dev", dev + "\n");
  stdfs::create_directories(sysfs + "/dev/block");
  stdfs::create_directories(sysfs + "/class/block");
  stdfs::create_symlink(dir, sysfs + "/dev/block/" + dev);
  stdfs::create_symlink(dir, sysfs + "/class/block/" + name);
}

std::string mountinfo_line(const std::string& dev, const std::string& point, const std::string& source) {
  return "25 1 " + dev + " / " + point + " rw,relatime shared:1 - ext4 " + source + " rw\n";
}

}  // namespace

void Guest::fake_disk(const std::string& disk, uint64_t bytes, int partitions, int root_partition,
                      const std::string& mount_point) {
  const std::string dir = sysfs_ + "/block/" + disk;
  device_dir(dir, "240:0", sysfs_, disk);
  write_file(dir + "/size", std::to_string(bytes / 512) + "\n");
  for (int n = 1; n <= partitions; ++n) {
    const std::string name = disk + std::to_string(n);
    device_dir(dir + "/" + name, "240:" + std::to_string(n), sysfs_, name);
    write_file(dir + "/" + name + "/partition", std::to_string(n) + "\n");
    write_file(dir + "/" + name + "/ro", "0\n");
  }
  std::string point = !mount_point.empty() ? mount_point : context_->live() ? "/" : root_;
  write_file(*dir_ / "mountinfo",
             mountinfo_line("240:" + std::to_string(root_partition), point,
                            "/dev/" + disk + (root_partition ? std::to_string(root_partition) : "")));
}

void Guest::fake_dm_root(const std::string& disk, int partition, const std::string& uuid) {
  const std::string dir = sysfs_ + "/block/dm-0";
  device_dir(dir, "241:0", sysfs_, "dm-0");
  write_file(dir + "/dm/uuid", uuid + "\n");
  write_file(dir + "/size", "83886080\n");
  stdfs::create_directories(dir + "/slaves");
  stdfs::create_symlink(sysfs_ + "/block/" + disk + "/" + disk + std::to_string(partition),
                        dir + "/slaves/" + disk + std::to_string(partition));
  write_file(*dir_ / "mountinfo",
             mountinfo_line("241:0", context_->live() ? "/" : root_, "/dev/mapper/vg-root"));
}

void Guest::fake_extra_disk(const std::string& disk, unsigned minor, uint64_t bytes) {
  const std::string dir = sysfs_ + "/block/" + disk;
  device_dir(dir, "240:" + std::to_string(minor), sysfs_, disk);
  write_file(dir + "/size", std::to_string(bytes / 512) + "\n");
}

void Guest::real_host() {
  context_->set_host_paths("/sys", "/proc/self/mountinfo");
}

void Guest::seed(const DiskFacts& facts) const {
  context_->fact<DiskFacts>("disk_facts", [&] { return facts; });
}

void Guest::seed(const FsUsage& usage) const {
  context_->fact<FsUsage>("root_fs_usage", [&] { return usage; });
}

Verdict Guest::run(std::string_view id) const {
  const Item& item = device_item(id);
  return item.check(ItemContext(*context_, item));
}

ProbedFs probed(std::string type, std::string uuid, std::string label) {
  ProbedFs fs;
  fs.type = std::move(type);
  fs.uuid = std::move(uuid);
  fs.label = std::move(label);
  if (fs.type == "ext4") fs.ext.is_ext = true;
  return fs;
}

DiskFacts disk_with(std::string table, std::vector<ProbedFs> partitions, int root_partition) {
  DiskFacts facts;
  facts.disk_path = "/dev/vda";
  facts.layout.table = std::move(table);
  int number = 1;
  for (ProbedFs& fs : partitions) {
    fs.number = number++;
    if (fs.part_uuid.empty()) fs.part_uuid = "0000abcd-0" + std::to_string(fs.number);
  }
  facts.layout.partitions = std::move(partitions);
  if (const ProbedFs* root = facts.layout.partition(root_partition)) facts.root_fs = *root;
  return facts;
}

std::string cpio_newc(const std::vector<std::string>& names, std::string_view content) {
  std::string out;
  auto member = [&](const std::string& name, unsigned mode, std::string_view data) {
    char header[111];
    std::snprintf(header, sizeof header, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", 1u,
                  mode, 0u, 0u, 1u, 0u, static_cast<unsigned>(data.size()), 0u, 0u, 0u, 0u,
                  static_cast<unsigned>(name.size() + 1), 0u);
    out.append(header, 110);
    out += name;
    out += '\0';
    while (out.size() % 4 != 0) out += '\0';
    out += data;
    while (out.size() % 4 != 0) out += '\0';
  };
  for (const std::string& name : names) {
    if (name.ends_with('/')) {
      member(name.substr(0, name.size() - 1), 040755, "");
    } else {
      member(name, 0100644, content);
    }
  }
  member("TRAILER!!!", 0, "");
  return out;
}

}  // namespace image_agent::precheck::testing

// Partition tables and file systems of the root disk, probed with libblkid (read-only);
// ext feature flags and the XFS magic read from each file system's first bytes.
#include "precheck/facts/disk_probe.h"

#include <blkid.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <memory>

#include "platform/unique_fd.h"
#include "precheck/facts/root_device.h"

namespace image_agent::precheck {
namespace {

using Probe = std::unique_ptr<std::remove_pointer_t<blkid_probe>, void (*)(blkid_probe)>;

std::string lookup(blkid_probe probe, const char* name) {
  const char* data = nullptr;
  return blkid_probe_lookup_value(probe, name, &data, nullptr) == 0 && data != nullptr ? data : "";
}

Result<UniqueFd> open_read_only(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Error::from_errno("open " + path);
  return UniqueFd(fd);
}

/// The file system within [offset, offset + size) of `fd` (size 0: to the end).
ProbedFs probe_range(int fd, uint64_t offset, uint64_t size) {
  ProbedFs fs;
  fs.offset = offset;
  fs.size = size;
  Probe probe(blkid_new_probe(), blkid_free_probe);
  if (!probe || blkid_probe_set_device(probe.get(), fd, static_cast<blkid_loff_t>(offset),
                                       static_cast<blkid_loff_t>(size)) != 0)
    return fs;
  blkid_probe_enable_superblocks(probe.get(), 1);
  blkid_probe_set_superblocks_flags(probe.get(), BLKID_SUBLKS_TYPE | BLKID_SUBLKS_UUID | BLKID_SUBLKS_LABEL);
  if (blkid_do_safeprobe(probe.get()) == 0) {
    fs.type = lookup(probe.get(), "TYPE");
    fs.uuid = lookup(probe.get(), "UUID");
    fs.label = lookup(probe.get(), "LABEL");
  }
  std::string head(2048, '\0');
  ssize_t n = ::pread(fd, head.data(), head.size(), static_cast<off_t>(offset));
  if (n > 0) {
    head.resize(static_cast<size_t>(n));
    fs.ext = parse_ext_superblock(head);
    fs.xfs = is_xfs_superblock(head);
  }
  return fs;
}

}  // namespace

const ProbedFs* DiskLayout::partition(int number) const {
  for (const ProbedFs& fs : partitions)
    if (fs.number == number) return &fs;
  return nullptr;
}

namespace {

struct TagKind {
  std::string_view tag;   ///< "UUID="
  std::string_view link;  ///< "/dev/disk/by-uuid/"
  std::string ProbedFs::*field;
};
const TagKind kTags[] = {
    {"UUID=", "/dev/disk/by-uuid/", &ProbedFs::uuid},
    {"LABEL=", "/dev/disk/by-label/", &ProbedFs::label},
    {"PARTUUID=", "/dev/disk/by-partuuid/", &ProbedFs::part_uuid},
    {"PARTLABEL=", "/dev/disk/by-partlabel/", &ProbedFs::part_label},
};

bool same(std::string_view a, std::string_view b, bool fold_case) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (fold_case && x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (fold_case && y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// udev escapes '/' and other unsafe characters in by-label links as \xNN, always two hex
/// digits. Anything else after "\x" is kept as written: it comes from the guest's fstab
/// (a link udev never makes, so it matches no file system) and must not stop precheck.
std::string unescape_link(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name.substr(i).starts_with("\\x") && i + 3 < name.size()) {
      int high = hex_digit(name[i + 2]);
      int low = hex_digit(name[i + 3]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 3;
        continue;
      }
    }
    out += name[i];
  }
  return out;
}

/// The tag kind and the value a source names; nullptr for other sources.
const TagKind* parse_tag(std::string_view source, std::string* value) {
  for (const TagKind& kind : kTags) {
    if (source.starts_with(kind.tag)) {
      std::string_view v = source.substr(kind.tag.size());
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
        v = v.substr(1, v.size() - 2);
      *value = v;
      return &kind;
    }
    if (source.starts_with(kind.link)) {
      *value = unescape_link(source.substr(kind.link.size()));
      return &kind;
    }
  }
  return nullptr;
}

bool matches(const ProbedFs& fs, const TagKind& kind, const std::string& value) {
  const std::string& have = fs.*kind.field;
  // UUIDs are hex in either case; labels are compared exactly.
  bool fold = kind.field == &ProbedFs::uuid || kind.field == &ProbedFs::part_uuid;
  return !have.empty() && same(have, value, fold);
}

}  // namespace

bool is_tagged_source(std::string_view source) {
  std::string value;
  return parse_tag(source, &value) != nullptr;
}

const ProbedFs* DiskLayout::find(std::string_view source) const {
  std::string value;
  const TagKind* kind = parse_tag(source, &value);
  if (kind == nullptr) return nullptr;
  for (const ProbedFs& fs : partitions)
    if (matches(fs, *kind, value)) return &fs;
  return nullptr;
}

const ProbedFs* DiskFacts::find(std::string_view source) const {
  std::string value;
  const TagKind* kind = parse_tag(source, &value);
  if (kind != nullptr && matches(root_fs, *kind, value)) return &root_fs;
  return layout.find(source);
}

Result<DiskLayout> probe_disk(const std::string& path) {
  Result<UniqueFd> fd = open_read_only(path);
  if (!fd) return fd.error();
  Probe probe(blkid_new_probe(), blkid_free_probe);
  if (!probe || blkid_probe_set_device(probe.get(), fd->get(), 0, 0) != 0)
    return Error{"libblkid cannot probe " + path};
  blkid_probe_enable_partitions(probe.get(), 1);
  blkid_probe_set_partitions_flags(probe.get(), BLKID_PARTS_ENTRY_DETAILS);
  blkid_probe_enable_superblocks(probe.get(), 0);
  if (blkid_do_safeprobe(probe.get()) < 0)
    return Error{"libblkid failed to read the partition table of " + path};
  DiskLayout layout;
  blkid_partlist list = blkid_probe_get_partitions(probe.get());
  blkid_parttable table = list != nullptr ? blkid_partlist_get_table(list) : nullptr;
  if (table == nullptr) {
    layout.partitions.push_back(probe_range(fd->get(), 0, 0));
    return layout;
  }
  const char* type = blkid_parttable_get_type(table);
  layout.table = type != nullptr ? type : "";
  int count = blkid_partlist_numof_partitions(list);
  for (int i = 0; i < count; ++i) {
    blkid_partition part = blkid_partlist_get_partition(list, i);
    if (part == nullptr || blkid_partition_is_extended(part)) continue;
    ProbedFs fs = probe_range(fd->get(), static_cast<uint64_t>(blkid_partition_get_start(part)) * 512,
                              static_cast<uint64_t>(blkid_partition_get_size(part)) * 512);
    fs.number = blkid_partition_get_partno(part);
    const char* uuid = blkid_partition_get_uuid(part);
    const char* name = blkid_partition_get_name(part);
    fs.part_uuid = uuid != nullptr ? uuid : "";
    fs.part_label = name != nullptr ? name : "";
    layout.partitions.push_back(std::move(fs));
  }
  return layout;
}

Result<ProbedFs> probe_filesystem(const std::string& path) {
  Result<UniqueFd> fd = open_read_only(path);
  if (!fd) return fd.error();
  return probe_range(fd->get(), 0, 0);
}

namespace {

/// A device node for major:minor: /dev/NAME or /dev/block/MAJ:MIN, whichever is that device.
std::optional<std::string> node_of(const std::string& name, unsigned major, unsigned minor) {
  for (const std::string& path :
       {"/dev/" + name, "/dev/block/" + std::to_string(major) + ":" + std::to_string(minor)}) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISBLK(st.st_mode) && ::major(st.st_rdev) == major &&
        ::minor(st.st_rdev) == minor)
      return path;
  }
  return std::nullopt;
}

}  // namespace

const DiskFacts& disk_facts(const Context& context) {
  return context.fact<DiskFacts>("disk_facts", [&] {
    DiskFacts facts;
    const RootDevice& root = root_device(context);
    if (!root.available()) {
      facts.unavailable = root.unavailable;
      return facts;
    }
    std::optional<std::string> node = node_of(root.disk, root.disk_major, root.disk_minor);
    if (!node) {
      facts.unavailable = "no device node for disk " + root.disk + " in /dev";
      return facts;
    }
    facts.disk_path = *node;
    if (!context.privileged()) {
      facts.unavailable = "reading " + *node + " needs root";
      return facts;
    }
    Result<DiskLayout> layout = probe_disk(*node);
    if (!layout) {
      facts.unavailable = layout.error().message;
      return facts;
    }
    facts.layout = std::move(*layout);
    if (const ProbedFs* fs = facts.layout.partition(root.partition); fs != nullptr && root.dm_uuids.empty()) {
      facts.root_fs = *fs;
      return facts;
    }
    // Root on device-mapper (LVM, LUKS) or a partition libblkid did not list: probe it.
    std::optional<std::string> root_node = node_of(root.name, root.mount.major, root.mount.minor);
    if (!root_node) {
      facts.unavailable = "no device node for " + root.name + " in /dev";
      return facts;
    }
    Result<ProbedFs> fs = probe_filesystem(*root_node);
    if (!fs) {
      facts.unavailable = fs.error().message;
      return facts;
    }
    facts.root_fs = std::move(*fs);
    return facts;
  });
}

}  // namespace image_agent::precheck

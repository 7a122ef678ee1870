#include "firstboot/os_conf_file.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

namespace image_agent::firstboot {
namespace {

constexpr size_t kMaxOsConfSize = size_t{64} * 1024;

std::optional<std::string> existing(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0 ? std::optional(path) : std::nullopt;
}

}  // namespace

Result<std::optional<OsConfFile>> find_os_conf(const RootFs& fs, bool live, const std::string& given,
                                               std::string* none) {
  if (!given.empty()) return std::optional<OsConfFile>(OsConfFile{given, std::nullopt});
  *none = "no os.conf found: nothing to configure";
  std::optional<std::string> path;
  std::optional<PartitionMount> partition;
  if (live) {
    Result<BlockDevice> device = find_system_partition_one();
    if (!device) {
      *none = "no os.conf: " + device.error().message;
      return std::optional<OsConfFile>();
    }
    Result<PartitionMount> mounted = PartitionMount::open(*device, std::chrono::seconds(10));
    if (!mounted)
      return Error{"partition 1 (" + device->name + "): " + mounted.error().message, mounted.error().code};
    partition.emplace(std::move(*mounted));
    // Partition 1 is often the root itself: "/" + path, not "//" + path.
    const std::string& dir = partition->directory();
    path = existing(dir + (dir.ends_with('/') ? "" : "/") + kOsConfRelativePath);
  } else {
    path = existing(fs.host_path(std::string("/") + kOsConfRelativePath));
    if (!path) path = existing(fs.host_path(std::string("/boot/") + kOsConfRelativePath));
  }
  if (!path) return std::optional<OsConfFile>();
  return std::optional<OsConfFile>(OsConfFile{std::move(*path), std::move(partition)});
}

Result<OsConf> load_os_conf(const std::string& path) {
  Result<RootFs> host = RootFs::open("/");
  if (!host) return host.error();
  std::string absolute = path;
  if (absolute.empty() || absolute.front() != '/') {
    char cwd[4096];
    if (::getcwd(cwd, sizeof cwd) == nullptr) return Error::from_errno("getcwd");
    absolute = std::string(cwd) + "/" + path;
  }
  Result<std::string> text = host->read_file(absolute, kMaxOsConfSize);
  if (!text) return text.error();
  OsConf conf = parse_os_conf(*text);
  explicit_bzero(text->data(), text->size());
  return conf;
}

Result<void> delete_os_conf(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return Error::from_errno("delete " + path);
  std::string dir = path.substr(0, path.rfind('/'));
  if (Result<RootFs> host = RootFs::open(dir.empty() ? "/" : dir)) {
    if (Result<UniqueFd> fd = host->open_file("/", O_RDONLY | O_DIRECTORY)) ::fsync(fd->get());
  }
  return {};
}

}  // namespace image_agent::firstboot

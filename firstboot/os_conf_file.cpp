#include "firstboot/os_conf_file.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "platform/text.h"

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

std::string without_password(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line = text.substr(start, end - start);
    size_t equals = line.find('=');
    const bool password = equals != std::string_view::npos && trim(line.substr(0, equals)) == "password";
    if (!password) out += line;
    start = end;
  }
  return out;
}

Result<bool> remove_password_from_os_conf(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const std::string name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  Result<RootFs> fs = RootFs::open(dir);
  if (!fs) return fs.error();
  Result<std::string> text = fs->read_file("/" + name, kMaxOsConfSize);
  if (!text) return text.error();
  std::string kept = without_password(*text);
  const bool had_password = kept.size() != text->size();
  Result<void> written = had_password ? fs->replace_file("/" + name, kept) : Result<void>();
  explicit_bzero(text->data(), text->size());
  if (!written)
    return Error{"remove the password from " + path + ": " + written.error().message, written.error().code};
  return had_password;
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

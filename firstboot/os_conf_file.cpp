#include "firstboot/os_conf_file.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

constexpr size_t kMaxOsConfSize = size_t{64} * 1024;

Result<OsConfFile> in(const std::string& dir, std::string inside, std::optional<PartitionMount> partition) {
  Result<RootFs> base = RootFs::open(dir);
  if (!base) return base.error();
  std::string path = dir + (dir.ends_with('/') ? "" : "/") + inside.substr(1);
  return OsConfFile{std::move(path), std::move(partition), std::move(*base), std::move(inside)};
}

std::string absolute(const std::string& path) {
  if (!path.empty() && path.front() == '/') return path;
  char cwd[4096];
  if (::getcwd(cwd, sizeof cwd) == nullptr) return path;
  return std::string(cwd) + "/" + path;
}

}  // namespace

Result<std::optional<OsConfFile>> find_os_conf(const RootFs& fs, bool live, const std::string& given,
                                               std::string* none) {
  if (!given.empty()) {
    Result<OsConfFile> file = in("/", absolute(given), std::nullopt);
    if (!file) return file.error();
    file->path = given;
    return std::optional<OsConfFile>(std::move(*file));
  }
  *none = "no os.conf found: nothing to configure";
  const std::string inside = std::string("/") + kOsConfRelativePath;
  if (live) {
    Result<BlockDevice> device = find_system_partition_one();
    if (!device) {
      *none = "no os.conf: " + device.error().message;
      return std::optional<OsConfFile>();
    }
    Result<PartitionMount> mounted = PartitionMount::open(*device, std::chrono::seconds(10));
    if (!mounted)
      return Error{"partition 1 (" + device->name + "): " + mounted.error().message, mounted.error().code};
    const std::string dir = mounted->directory();
    Result<OsConfFile> file = in(dir, inside, std::move(*mounted));
    if (!file) return file.error();
    // Not followed: a link named os.conf is found, and load_os_conf refuses it.
    Result<bool> found = file->base.present(inside, Follow::kNo);
    if (!found) return found.error();
    if (!*found) return std::optional<OsConfFile>();
    return std::optional<OsConfFile>(std::move(*file));
  }
  for (const std::string& candidate : {inside, "/boot" + inside}) {
    Result<bool> found = fs.present(candidate, Follow::kNo);
    if (!found) return found.error();
    if (*found) {
      Result<OsConfFile> file = in(fs.host_path("/"), candidate, std::nullopt);
      if (!file) return file.error();
      return std::optional<OsConfFile>(std::move(*file));
    }
  }
  return std::optional<OsConfFile>();
}

Result<OsConf> load_os_conf(const OsConfFile& file) {
  Result<struct stat> st = file.base.stat(file.inside);
  if (!st) return st.error();
  if (!S_ISREG(st->st_mode)) return Error{file.path + " is not a regular file", EINVAL};
  Result<std::string> text = file.base.read_file(file.inside, kMaxOsConfSize);
  if (!text) return text.error();
  // All zeros is what delete_os_conf leaves when the run is killed between overwriting the
  // file and unlinking it: every group was applied, nothing is left to do but delete it.
  const bool zeroed = text->find_first_not_of('\0') == std::string::npos;
  OsConf conf = zeroed ? OsConf{} : parse_os_conf(*text);
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

Result<bool> remove_password_from_os_conf(const OsConfFile& file) {
  Result<std::string> text = file.base.read_file(file.inside, kMaxOsConfSize);
  if (!text) return text.error();
  std::string kept = without_password(*text);
  const bool had_password = kept.size() != text->size();
  Result<void> written = had_password ? file.base.replace_file(file.inside, kept) : Result<void>();
  explicit_bzero(text->data(), text->size());
  if (!written)
    return Error{"remove the password from " + file.path + ": " + written.error().message,
                 written.error().code};
  return had_password;
}

Result<void> delete_os_conf(const OsConfFile& file) {
  // Zeros over the content first, where this is the file's only name (never through a
  // link: O_NOFOLLOW), so the password is not left in free blocks of partition 1.
  if (Result<UniqueFd> fd = file.base.open_file(file.inside, O_WRONLY | O_NOFOLLOW | O_NONBLOCK)) {
    struct stat st {};
    if (::fstat(fd->get(), &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 && st.st_size > 0) {
      const std::string zeros(static_cast<size_t>(st.st_size), '\0');
      if (::pwrite(fd->get(), zeros.data(), zeros.size(), 0) != static_cast<ssize_t>(zeros.size()) ||
          ::fsync(fd->get()) != 0) {
        return Error::from_errno("overwrite " + file.path + " before deleting it");
      }
    }
  }
  Result<bool> removed = file.base.remove(file.inside);
  if (!removed) return Error{"delete " + file.path + ": " + removed.error().message, removed.error().code};
  const std::string dir = file.inside.substr(0, file.inside.rfind('/'));
  if (Result<UniqueFd> fd = file.base.open_file(dir.empty() ? "/" : dir, O_RDONLY | O_DIRECTORY)) {
    ::fsync(fd->get());
  }
  return {};
}

}  // namespace image_agent::firstboot

#include "platform/root_fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "platform/mount_id.h"

namespace image_agent {
namespace {

Error with_context(std::string_view what, std::string_view path, int code = errno) {
  return Error::from_errno(std::string(what) + " " + guest_path(path), code);
}

}  // namespace

std::string guest_path(std::string_view path) {
  size_t first = path.find_first_not_of('/');
  if (first == std::string_view::npos) return "/";
  return "/" + std::string(path.substr(first));
}

RootFs::RootFs(std::string root, UniqueFd fd, ResolveMethod method)
    : root_(std::move(root)), root_fd_(std::move(fd)), resolver_(root_fd_.get(), method) {}

Result<RootFs> RootFs::open(const std::string& dir, ResolveMethod method) {
  int fd = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Error::from_errno("open root directory " + dir);
  return RootFs(dir, UniqueFd(fd), method);
}

bool RootFs::is_host_root() const {
  struct stat ours {};
  struct stat slash {};
  return ::fstat(root_fd_.get(), &ours) == 0 && ::stat("/", &slash) == 0 && ours.st_dev == slash.st_dev &&
         ours.st_ino == slash.st_ino;
}

std::string RootFs::host_path(std::string_view path) const {
  std::string guest = guest_path(path);
  if (root_ == "/") return guest;
  std::string host = root_;
  while (host.size() > 1 && host.back() == '/') host.pop_back();
  return guest == "/" ? host : host + guest;
}

Result<UniqueFd> RootFs::open_file(std::string_view path, int flags, mode_t mode) const {
  return resolver_.open(path, flags, mode);
}

Result<UniqueFd> RootFs::open_regular(std::string_view path) const {
  // Judged through an O_PATH descriptor first, which opens nothing; then O_NONBLOCK, so a
  // FIFO swapped in between still cannot hang us (cleared again for the reads).
  Result<struct stat> before = stat(path);
  if (!before) return before.error();
  if (!S_ISREG(before->st_mode))
    return with_context("read", path, S_ISDIR(before->st_mode) ? EISDIR : EINVAL);
  Result<UniqueFd> fd = open_file(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
  if (!fd) return fd.error();
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return with_context("stat", path);
  if (!S_ISREG(st.st_mode)) return with_context("read", path, S_ISDIR(st.st_mode) ? EISDIR : EINVAL);
  ::fcntl(fd->get(), F_SETFL, 0);
  return fd;
}

Result<std::string> RootFs::read_head(std::string_view path, size_t size) const {
  Result<UniqueFd> fd = open_regular(path);
  if (!fd) return fd.error();
  std::string head(size, '\0');
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd->get(), head.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return with_context("read", path);
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  head.resize(done);
  return head;
}

Result<std::string> RootFs::read_file(std::string_view path, size_t limit) const {
  Result<UniqueFd> fd = open_regular(path);
  if (!fd) return fd.error();

  std::string content;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd->get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return with_context("read", path);
    if (n == 0) return content;
    if (content.size() + static_cast<size_t>(n) > limit) return with_context("read", path, EFBIG);
    content.append(buffer, static_cast<size_t>(n));
  }
}

Result<std::vector<DirEntry>> RootFs::list(std::string_view path) const {
  Result<UniqueFd> fd = open_file(path, O_RDONLY | O_DIRECTORY);
  if (!fd) return fd.error();
  DIR* dir = ::fdopendir(fd->get());
  if (dir == nullptr) return with_context("list", path);
  fd->release();  // the DIR owns it now

  std::vector<DirEntry> entries;
  errno = 0;
  while (const dirent* e = ::readdir(dir)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    mode_t type = DTTOIF(e->d_type);
    if (e->d_type == DT_UNKNOWN) {
      struct stat st {};
      if (::fstatat(::dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) type = st.st_mode & S_IFMT;
    }
    entries.push_back({std::string(name), type});
  }
  const int saved = errno;
  ::closedir(dir);
  if (saved != 0) return with_context("list", path, saved);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return entries;
}

Result<struct stat> RootFs::stat(std::string_view path, Follow follow) const {
  int flags = O_PATH | (follow == Follow::kNo ? O_NOFOLLOW : 0);
  Result<UniqueFd> fd = open_file(path, flags);
  if (!fd) return fd.error();
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return with_context("stat", path);
  return st;
}

Result<std::optional<uint64_t>> RootFs::mount_id(std::string_view path, Follow follow) const {
  int flags = O_PATH | (follow == Follow::kNo ? O_NOFOLLOW : 0);
  Result<UniqueFd> fd = open_file(path, flags);
  if (!fd) return fd.error();
  return image_agent::mount_id(fd->get());
}

bool RootFs::exists(std::string_view path) const {
  return stat(path).ok();
}

Result<bool> RootFs::present(std::string_view path, Follow follow) const {
  Result<struct stat> st = stat(path, follow);
  if (st) return true;
  if (st.error().code == ENOENT || st.error().code == ENOTDIR) return false;
  return st.error();
}

Result<bool> RootFs::any_present(std::initializer_list<std::string_view> paths) const {
  for (std::string_view path : paths) {
    Result<bool> found = present(path);
    if (!found || *found) return found;
  }
  return false;
}

Result<std::string> RootFs::read_link(std::string_view path) const {
  Result<UniqueFd> fd = open_file(path, O_PATH | O_NOFOLLOW);
  if (!fd) return fd.error();
  std::string target(4096, '\0');
  ssize_t n = ::readlinkat(fd->get(), "", target.data(), target.size());
  if (n < 0) return with_context("readlink", path);
  target.resize(static_cast<size_t>(n));
  return target;
}

Result<RootFs::Parent> RootFs::open_parent(std::string_view path, int dir_flags, Follow follow) const {
  Result<Parent> location = resolver_.locate(path, follow == Follow::kYes);
  if (!location) return location.error();
  if (location->name.empty() || location->name == "..") {
    return Error{"'" + guest_path(path) + "' does not name a directory entry", EINVAL};
  }
  if (dir_flags != O_PATH) {
    int fd = ::openat(location->dir.get(), ".", dir_flags | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return with_context("open directory of", path);
    location->dir.reset(fd);
  }
  return location;
}

Result<void> RootFs::make_dirs(std::string_view path, mode_t mode) const {
  if (auto in_root = check_path_stays_in_root(path); !in_root) return in_root.error();
  std::string guest = guest_path(path);
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = guest.find('/', pos + 1);
    std::string prefix = guest.substr(0, pos);
    // Only "no such file" means missing: an I/O error is reported as itself, not as a
    // directory to create and then "not a directory".
    Result<UniqueFd> existing = open_file(prefix, O_PATH | O_DIRECTORY);
    if (existing) continue;
    if (existing.error().code != ENOENT) return existing.error();
    Result<Parent> parent = open_parent(prefix, O_PATH, Follow::kNo);
    if (!parent) return parent.error();
    if (::mkdirat(parent->dir.get(), parent->name.c_str(), mode) != 0 && errno != EEXIST) {
      return with_context("mkdir", prefix);
    }
    // EEXIST from a race or a non-directory: the next open tells which. A name that
    // exists yet cannot be opened (a dangling link, a file) is no directory; any other
    // error is reported as itself.
    if (Result<UniqueFd> made = open_file(prefix, O_PATH | O_DIRECTORY); !made) {
      if (made.error().code == ENOENT || made.error().code == ENOTDIR)
        return with_context("mkdir", prefix, ENOTDIR);
      return made.error();
    }
  }
  return {};
}

Result<bool> RootFs::remove(std::string_view path, Follow follow) const {
  Result<Parent> parent = open_parent(path, O_PATH, follow);
  if (!parent) {
    if (parent.error().code == ENOENT) return false;
    return parent.error();
  }
  int dir = parent->dir.get();
  const char* name = parent->name.c_str();
  if (::unlinkat(dir, name, 0) == 0) return true;
  if (errno == EISDIR && ::unlinkat(dir, name, AT_REMOVEDIR) == 0) return true;
  if (errno == ENOENT) return false;
  return with_context("remove", path);
}

Result<std::optional<std::string>> read_if_exists(const RootFs& fs, std::string_view path) {
  Result<std::string> content = fs.read_file(path);
  if (content) return std::optional<std::string>(std::move(*content));
  if (content.error().code == ENOENT) return std::optional<std::string>();
  return content.error();
}

}  // namespace image_agent

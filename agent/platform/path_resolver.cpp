#include "platform/path_resolver.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <string>
#include <vector>

namespace image_agent {
namespace {

// Linux's own limit on symlinks followed during one lookup.
constexpr int kMaxSymlinks = 40;

std::deque<std::string> split_components(std::string_view path) {
  std::deque<std::string> components;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) components.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return components;
}

Result<std::string> read_link_fd(int link_fd) {
  std::string target(256, '\0');
  for (;;) {
    // An empty path reads the link that an O_PATH|O_NOFOLLOW descriptor refers to.
    ssize_t n = ::readlinkat(link_fd, "", target.data(), target.size());
    if (n < 0) return Error::from_errno("readlink");
    if (static_cast<size_t>(n) < target.size()) {
      target.resize(static_cast<size_t>(n));
      return target;
    }
    target.resize(target.size() * 2);
  }
}

long sys_openat2(int dirfd, const char* path, open_how* how) {
  return ::syscall(SYS_openat2, dirfd, path, how, sizeof(*how));
}

bool kernel_has_openat2(int root_fd) {
  open_how how{};
  how.flags = O_PATH | O_CLOEXEC;
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  long fd = sys_openat2(root_fd, ".", &how);
  if (fd < 0) return false;  // ENOSYS on old kernels, EPERM under some seccomp filters
  ::close(static_cast<int>(fd));
  return true;
}

std::string describe(std::string_view path) {
  std::string s = "open ";
  if (path.empty() || path.front() != '/') s += '/';
  s += path;
  return s;
}

}  // namespace

Result<void> check_path_stays_in_root(std::string_view path) {
  int depth = 0;
  for (const std::string& c : split_components(path)) {
    if (c == ".") continue;
    depth += c == ".." ? -1 : 1;
    if (depth < 0) {
      return Error{"path '" + std::string(path) + "' climbs above the root", EXDEV};
    }
  }
  return {};
}

PathResolver::PathResolver(int root_fd, ResolveMethod method) : root_fd_(root_fd), method_(method) {
  if (method_ != ResolveMethod::kUserspace) {
    method_ = kernel_has_openat2(root_fd_) ? ResolveMethod::kOpenat2 : ResolveMethod::kUserspace;
  }
}

Result<UniqueFd> PathResolver::open(std::string_view path, int flags, mode_t mode) const {
  if (auto in_root = check_path_stays_in_root(path); !in_root) return in_root.error();
  if (method_ == ResolveMethod::kOpenat2) return open_openat2(path, flags, mode);
  return open_userspace(path, flags, mode);
}

Result<UniqueFd> PathResolver::open_openat2(std::string_view path, int flags, mode_t mode) const {
  std::string relative(path);
  if (relative.empty()) relative = ".";
  open_how how{};
  how.flags = static_cast<unsigned>(flags | O_CLOEXEC);
  how.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0;
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  for (int attempt = 0;; ++attempt) {
    long fd = sys_openat2(root_fd_, relative.c_str(), &how);
    if (fd >= 0) return UniqueFd(static_cast<int>(fd));
    // EAGAIN: a concurrent rename raced with ".." resolution; the kernel asks us to retry.
    if (errno != EAGAIN || attempt == 16) return Error::from_errno(describe(path));
  }
}

Result<PathResolver::Location> PathResolver::locate(std::string_view path, bool follow_last) const {
  if (auto in_root = check_path_stays_in_root(path); !in_root) return in_root.error();
  std::deque<std::string> pending = split_components(path);
  // Directories entered so far; empty means "at the root". ".." pops, and never above it.
  std::vector<UniqueFd> stack;
  int symlinks = 0;

  auto current = [&] { return stack.empty() ? root_fd_ : stack.back().get(); };
  auto here = [&](std::string name) -> Result<Location> {
    int fd = ::fcntl(current(), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return Error::from_errno(describe(path));
    return Location{UniqueFd(fd), std::move(name)};
  };

  while (!pending.empty()) {
    std::string name = std::move(pending.front());
    pending.pop_front();
    if (name == ".") continue;
    if (name == "..") {
      if (!stack.empty()) stack.pop_back();
      continue;
    }
    const bool last = pending.empty();
    int fd = ::openat(current(), name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      if (last && errno == ENOENT) return here(std::move(name));  // may be created
      return Error::from_errno(describe(path));
    }
    UniqueFd entry(fd);
    struct stat st {};
    if (::fstat(fd, &st) != 0) return Error::from_errno(describe(path));
    if (S_ISLNK(st.st_mode) && (!last || follow_last)) {
      // Continue with the link's target, resolved inside the root.
      if (++symlinks > kMaxSymlinks) return Error::from_errno(describe(path), ELOOP);
      Result<std::string> target = read_link_fd(fd);
      if (!target) return Error{describe(path) + ": " + target.error().message, target.error().code};
      if (!target->empty() && target->front() == '/') stack.clear();
      std::deque<std::string> link_parts = split_components(*target);
      pending.insert(pending.begin(), link_parts.begin(), link_parts.end());
      continue;
    }
    if (last) return here(std::move(name));
    if (!S_ISDIR(st.st_mode)) return Error::from_errno(describe(path), ENOTDIR);
    stack.push_back(std::move(entry));
  }
  return here("");  // the path named a directory itself: "", "/", "a/..", a link to one
}

Result<UniqueFd> PathResolver::open_userspace(std::string_view path, int flags, mode_t mode) const {
  Result<Location> location = locate(path, !(flags & O_NOFOLLOW));
  if (!location) return location.error();
  const char* name = location->name.empty() ? "." : location->name.c_str();
  // O_NOFOLLOW: a symlink swapped in since locate() fails instead of being followed.
  int fd = ::openat(location->dir.get(), name, flags | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) return Error::from_errno(describe(path));
  return UniqueFd(fd);
}

}  // namespace image_agent

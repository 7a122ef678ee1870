#include "platform/mount_id.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <string>
#include <string_view>

namespace image_agent {

std::optional<uint64_t> mount_id_from_statx(int fd) {
  // glibc's statx() emulates the call with fstatat() on kernels before 4.11; the emulation
  // never sets STATX_MNT_ID in stx_mask, so the mask check covers those kernels too.
  struct statx stx {};
  if (::statx(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_STATX_SYNC_AS_STAT, STATX_MNT_ID, &stx) != 0) {
    return std::nullopt;
  }
  if ((stx.stx_mask & STATX_MNT_ID) == 0) return std::nullopt;
  return stx.stx_mnt_id;
}

std::optional<uint64_t> mount_id_from_fdinfo(int fd) {
  const std::string path = "/proc/self/fdinfo/" + std::to_string(fd);
  int info = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (info < 0) return std::nullopt;
  std::string text;
  char buffer[1024];
  for (;;) {
    ssize_t n = ::read(info, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
    if (text.size() > 65536) break;  // fdinfo is a few lines; never read without end
  }
  ::close(info);
  constexpr std::string_view kKey = "mnt_id:";
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    if (!line.starts_with(kKey)) continue;
    line.remove_prefix(kKey.size());
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    uint64_t id = 0;
    auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), id);
    if (ec != std::errc() || ptr == line.data()) return std::nullopt;
    return id;
  }
  return std::nullopt;
}

std::optional<uint64_t> mount_id(int fd) {
  if (std::optional<uint64_t> id = mount_id_from_statx(fd)) return id;
  return mount_id_from_fdinfo(fd);
}

}  // namespace image_agent

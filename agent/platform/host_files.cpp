#include "platform/host_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "platform/unique_fd.h"

namespace image_agent {

// POSIX, not std::filesystem or iostreams: the static binary's size budget has no room
// for the 100 KB that <filesystem> costs in libstdc++.

std::string read_host_file(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) return "";
  std::string text;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  return text;
}

std::string read_host_line(const std::string& path) {
  std::string text = read_host_file(path);
  return text.substr(0, text.find('\n'));
}

std::vector<std::string> host_dir_names(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* entry = ::readdir(d)) {
      std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(std::move(name));
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> host_real_path(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return std::nullopt;
  std::string out(resolved);
  std::free(resolved);  // realpath allocates with malloc
  return out;
}

bool host_exists(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0;
}

}  // namespace image_agent

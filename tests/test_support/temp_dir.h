#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

namespace image_agent::testing {

/// A fresh directory under $TMPDIR (or /tmp), removed with everything in it at the end.
/// Removal never follows symlinks, so links planted by tests cannot take it elsewhere.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  /// path() + "/" + relative
  std::string operator/(std::string_view relative) const;

 private:
  std::string path_;
};

/// Test helpers on host paths: write a file (creating parents), read one back.
void write_file(const std::string& path, std::string_view content, mode_t mode = 0644);
std::string read_file(const std::string& path);
/// Names in a directory, sorted, for "nothing else was left behind" checks.
std::string list_dir(const std::string& path);

}  // namespace image_agent::testing

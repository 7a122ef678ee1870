#include "tree_snapshot.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <functional>

#include "test_support/temp_dir.h"

namespace image_agent::sysprep::testing {

TreeSnapshot snapshot_tree(const std::string& top) {
  TreeSnapshot snapshot;
  namespace fs = std::filesystem;
  for (auto it = fs::recursive_directory_iterator(top, fs::directory_options::none);
       it != fs::recursive_directory_iterator(); ++it) {
    const std::string path = it->path().string();
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) continue;
    std::string description =
        std::to_string(st.st_mode) + " " + std::to_string(st.st_uid) + ":" + std::to_string(st.st_gid) + " ";
    if (S_ISREG(st.st_mode)) {
      std::string content = image_agent::testing::read_file(path);
      description += std::to_string(content.size()) + " " + std::to_string(std::hash<std::string>{}(content));
    } else if (S_ISLNK(st.st_mode)) {
      description += "-> " + fs::read_symlink(path).string();
    }
    snapshot[path.substr(top.size())] = description;
  }
  return snapshot;
}

std::set<std::string> changed_paths(const TreeSnapshot& before, const TreeSnapshot& after) {
  std::set<std::string> changed;
  for (const auto& [path, description] : before) {
    auto it = after.find(path);
    if (it == after.end() || it->second != description) changed.insert(path);
  }
  for (const auto& [path, description] : after) {
    if (before.count(path) == 0) changed.insert(path);
  }
  return changed;
}

}  // namespace image_agent::sysprep::testing

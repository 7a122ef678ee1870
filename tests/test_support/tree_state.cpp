#include "test_support/tree_state.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <filesystem>
#include <regex>
#include <set>

#include "test_support/temp_dir.h"

namespace image_agent::testing {
namespace {

/// Files up to this size are recorded whole.
constexpr off_t kWholeFileLimit = off_t{16} << 20;

}  // namespace

TreeState tree_state(const std::string& top,
                     const std::function<std::string(const std::string& path, std::string content)>& mask) {
  namespace fs = std::filesystem;
  TreeState state;
  for (auto it = fs::recursive_directory_iterator(top); it != fs::recursive_directory_iterator(); ++it) {
    const std::string host = it->path().string();
    struct stat st {};
    if (::lstat(host.c_str(), &st) != 0) continue;
    const std::string path = host.substr(top.size());
    std::string description =
        std::to_string(st.st_mode) + " " + std::to_string(st.st_uid) + ":" + std::to_string(st.st_gid);
    if (S_ISREG(st.st_mode) && st.st_size > kWholeFileLimit) {
      // A 10 GiB sparse file of a hostile root is not read: its size and times stand for it.
      description += " " + std::to_string(st.st_size) + " bytes, modified " +
                     std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
    } else if (S_ISREG(st.st_mode)) {
      std::string content = read_file(host);
      description += " " + (mask ? mask(path, std::move(content)) : content);
    } else if (S_ISLNK(st.st_mode)) {
      description += " -> " + fs::read_symlink(host).string();
    } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
      description += " device " + std::to_string(major(st.st_rdev)) + "," + std::to_string(minor(st.st_rdev));
    }
    state[path] = std::move(description);
  }
  return state;
}

bool is_agent_temp(const std::string& path) {
  static const std::regex kTemp(R"(\..+\.image-agent-[0-9a-f]{8})");
  return std::regex_match(path.substr(path.rfind('/') + 1), kTemp);
}

std::vector<std::string> torn_paths(
    const TreeState& before, const TreeState& after, const TreeState& now,
    const std::function<bool(const std::string& path, const std::string& state)>& allowed) {
  std::set<std::string> paths;
  for (const TreeState* s : {&before, &after, &now}) {
    for (const auto& [path, description] : *s) paths.insert(path);
  }
  auto at = [](const TreeState& s, const std::string& path) {
    auto it = s.find(path);
    return it == s.end() ? std::string("(absent)") : it->second;
  };
  std::vector<std::string> torn;
  for (const std::string& path : paths) {
    const std::string state = at(now, path);
    if (state == at(before, path) || state == at(after, path) || is_agent_temp(path)) continue;
    if (allowed && allowed(path, state)) continue;
    torn.push_back(path + ": " + state);
  }
  return torn;
}

std::string describe_differences(const TreeState& expected, const TreeState& actual) {
  std::string out;
  std::set<std::string> paths;
  for (const auto& [path, description] : expected) paths.insert(path);
  for (const auto& [path, description] : actual) paths.insert(path);
  for (const std::string& path : paths) {
    auto e = expected.find(path);
    auto a = actual.find(path);
    if (e != expected.end() && a != actual.end() && e->second == a->second) continue;
    out += path + ": expected " + (e == expected.end() ? "(absent)" : "'" + e->second + "'") + ", found " +
           (a == actual.end() ? "(absent)" : "'" + a->second + "'") + "\n";
  }
  return out;
}

}  // namespace image_agent::testing

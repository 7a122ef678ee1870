#include "guest/config_files.h"

#include <algorithm>
#include <cerrno>
#include <map>

namespace image_agent::guest {
namespace {

bool absent(const Error& error) {
  return error.code == ENOENT || error.code == ENOTDIR;
}

}  // namespace

ConfigFiles load_directory(const RootFs& fs, const std::string& dir, const NameFilter& wanted) {
  ConfigFiles out;
  Result<std::vector<DirEntry>> entries = fs.list(dir);
  if (!entries) {
    if (!absent(entries.error())) out.unreadable.push_back(entries.error());
    return out;
  }
  for (const DirEntry& entry : *entries) {
    // Sockets, FIFOs and devices are nobody's configuration, and reading one could block.
    if ((entry.type != S_IFREG && entry.type != S_IFLNK) || !wanted(entry.name)) continue;
    std::string path = dir + "/" + entry.name;
    if (entry.type == S_IFLNK) {
      Result<struct stat> st = fs.stat(path);
      if (!st) {
        if (!absent(st.error())) out.unreadable.push_back(st.error());
        continue;  // a dangling link reads as no file, as it does for the stack
      }
      if (!S_ISREG(st->st_mode)) continue;
    }
    Result<std::string> text = fs.read_file(path);
    if (text) {
      out.files.push_back({path, entry.name, std::move(*text), false});
    } else if (!absent(text.error())) {
      out.unreadable.push_back(text.error());
    }
  }
  return out;
}

ConfigFiles load_layered(const RootFs& fs, const std::vector<std::string>& dirs, const NameFilter& wanted,
                         const std::vector<std::string>& vendor_dirs) {
  ConfigFiles out;
  std::map<std::string, ConfigFile> by_name;
  for (const std::string& dir : dirs) {
    ConfigFiles found = load_directory(fs, dir, wanted);
    const bool vendor = std::find(vendor_dirs.begin(), vendor_dirs.end(), dir) != vendor_dirs.end();
    for (ConfigFile& file : found.files) {
      file.vendor = vendor;
      by_name.try_emplace(file.name, std::move(file));
    }
    for (Error& error : found.unreadable) out.unreadable.push_back(std::move(error));
  }
  for (auto& [name, file] : by_name) out.files.push_back(std::move(file));
  return out;
}

void append(ConfigFiles& to, ConfigFiles from) {
  for (ConfigFile& file : from.files) to.files.push_back(std::move(file));
  for (Error& error : from.unreadable) to.unreadable.push_back(std::move(error));
}

}  // namespace image_agent::guest

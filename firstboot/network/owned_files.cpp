#include "firstboot/network/owned_files.h"

#include <algorithm>
#include <cerrno>

namespace image_agent::firstboot {

std::string owned_header(std::string_view comment) {
  std::string c(comment);
  return c + " " + kOwnedMarker + " from the cloud's os.conf.\n" + c +
         " Rewritten whenever os.conf changes: keep your own settings in a file of your own.\n";
}

Result<void> claim(const RootFs& fs, std::string_view path, std::string_view advice) {
  Result<std::optional<std::string>> content = read_if_exists(fs, path);
  if (!content) return content.error();
  if (!*content || is_owned(**content)) return {};
  std::string message = guest_path(path) + " exists and is not image-agent's (its first line lacks \"" +
                        kOwnedMarker + "\"), so it is left alone";
  if (!advice.empty()) message += std::string("; ") + std::string(advice);
  return Error{message, EEXIST};
}

Result<FileChanges> stale_owned_files(const RootFs& fs, std::string_view dir, std::string_view prefix,
                                      std::string_view suffix, const FileChanges& planned) {
  Result<std::vector<DirEntry>> entries = fs.list(dir);
  if (!entries) {
    if (entries.error().code == ENOENT) return FileChanges{};
    return entries.error();
  }
  FileChanges removals;
  for (const DirEntry& entry : *entries) {
    std::string_view name = entry.name;
    if (entry.type != S_IFREG || !name.starts_with(prefix) || !name.ends_with(suffix)) continue;
    std::string path = std::string(dir) + "/" + entry.name;
    bool kept = std::any_of(planned.begin(), planned.end(),
                            [&](const FileChange& change) { return change.path == path; });
    if (kept) continue;
    Result<std::optional<std::string>> content = read_if_exists(fs, path);
    if (!content) return content.error();
    if (*content && is_owned(**content)) removals.push_back({FileChange::Kind::kRemove, path, {}, 0});
  }
  return removals;
}

}  // namespace image_agent::firstboot

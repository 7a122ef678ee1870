#include "firstboot/network/take_over.h"

#include <algorithm>
#include <cerrno>

namespace image_agent::firstboot {

FileChanges take_over(const std::string& path, bool replaced_by_ours) {
  FileChanges changes{{FileChange::Kind::kCopy, guest::displaced_path(path), path, 0}};
  if (!replaced_by_ours) changes.push_back({FileChange::Kind::kRemove, path, {}, 0});
  return changes;
}

Result<FileChanges> claim_or_take_over(const RootFs& fs, const std::string& path,
                                       const std::function<std::string(const std::string&)>& why_not_plain) {
  Result<std::optional<std::string>> content = read_if_exists(fs, path);
  if (!content) return content.error();
  if (!*content || guest::is_owned(**content)) return FileChanges{};
  std::string why = why_not_plain(**content);
  if (why.empty()) return take_over(path, true);
  return Error{
      path + " is the user's and " + why +
          ": image-agent takes over only a plain DHCP profile and leaves this one alone; remove it or "
          "move it elsewhere",
      EEXIST};
}

bool takes_over(const FileChanges& changes, const std::string& path) {
  return std::any_of(changes.begin(), changes.end(), [&](const FileChange& change) {
    return change.kind == FileChange::Kind::kCopy && change.content == path;
  });
}

}  // namespace image_agent::firstboot

#pragma once

#include <string>
#include <string_view>

#include "firstboot/file_change.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

// Ownership of guest files. image-agent only ever replaces or removes a file whose first
// line carries kOwnedMarker; everything else is the user's and is at most read.

/// The header comment every file image-agent owns starts with, each line prefixed by
/// `comment` ("#" for every format the backends write).
std::string owned_header(std::string_view comment = "#");

using guest::is_owned;

/// Succeeds when `path` is absent or ours; otherwise an error naming the user's file,
/// followed by `advice` (what the user can do about it).
Result<void> claim(const RootFs& fs, std::string_view path, std::string_view advice = {});

/// Removals for files of ours in `dir` whose names start with `prefix` and end with
/// `suffix` but that `planned` no longer writes (a NIC that left os.conf). A missing `dir`
/// yields none.
Result<FileChanges> stale_owned_files(const RootFs& fs, std::string_view dir, std::string_view prefix,
                                      std::string_view suffix, const FileChanges& planned);

}  // namespace image_agent::firstboot

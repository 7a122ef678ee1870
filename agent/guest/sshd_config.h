#pragma once

// sshd_config(5) as sshd reads it: keywords are case-insensitive, the first value of a
// keyword wins, `Include` pulls files in place (globs, relative to /etc/ssh) and
// `Match` starts a block that applies to some connections only, up to the next `Match`
// or the end of the file the `Match` is in.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/root_fs.h"

namespace image_agent::guest {

/// One keyword's value and where it was set.
struct SshdSetting {
  std::string value;  ///< the first argument, lower-cased keyword's value as written
  std::string file;
  int line = 0;
};

struct SshdConfig {
  /// lower-case keyword -> the value every connection gets (first one outside Match wins).
  std::map<std::string, SshdSetting, std::less<>> global;
  /// lower-case keyword -> values set inside Match blocks (for some connections only).
  std::multimap<std::string, SshdSetting, std::less<>> in_match;
  std::vector<std::string> files;       ///< every file read, in order
  std::vector<std::string> unreadable;  ///< included files (or patterns) that could not be read

  /// The global value of `keyword` (lower case), or nullptr.
  const SshdSetting* find(std::string_view keyword) const;
};

/// Resolves an `Include` argument (absolute, or relative to /etc/ssh; the last component
/// may be a glob) to (path, content) pairs in sorted order. An error string for a file
/// that exists but cannot be read goes to `unreadable`.
using SshdIncludeReader = std::function<std::vector<std::pair<std::string, std::string>>(
    const std::string& pattern, std::vector<std::string>& unreadable)>;

/// Pure parser: `text` is the content of `file`; includes go through `read_include`.
SshdConfig parse_sshd_config(std::string_view text, const std::string& file,
                             const SshdIncludeReader& read_include);

/// The guest's /etc/ssh/sshd_config with its includes, read through `fs`.
Result<SshdConfig> read_sshd_config(const RootFs& fs);

}  // namespace image_agent::guest

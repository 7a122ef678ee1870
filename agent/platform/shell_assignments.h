#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace image_agent {

/// One `KEY=VALUE` line, with VALUE unquoted.
struct Assignment {
  std::string key;
  std::string value;
  int line = 0;
};

/// A line (or one key's value) that is not plain data.
struct AssignmentError {
  int line = 0;
  std::string key;  ///< empty when the line has no recognisable key
  std::string message;
};

struct Assignments {
  std::vector<Assignment> entries;  ///< in file order; a repeated key appears twice
  std::vector<AssignmentError> errors;

  /// The last assignment of `key` (as a shell would see it), or nullptr.
  const Assignment* find(std::string_view key) const;
  /// The value of `key`, or `fallback`.
  std::string get(std::string_view key, std::string_view fallback = {}) const;
};

/// Parses shell-style assignment files (os.conf, /etc/os-release, ifcfg, /etc/default/*)
/// as data, never as code, in one linear pass. Accepted: a leading UTF-8 byte order mark
/// (skipped), blank lines, `#`/`;` comment lines, `KEY=word`, `KEY="..."` (with \" \\ \$
/// \` escapes) and `KEY='...'`. Anything a shell would expand, execute or glob (`$`,
/// backquotes, `;` outside quotes, unbalanced quotes, control characters, NUL), lines
/// longer than 64 KiB and sections are errors for that line; the other lines still parse.
Assignments parse_shell_assignments(std::string_view text);

/// `text` (a KEY=VALUE file such as /etc/sysconfig/network) with its first line assigning
/// `key` made `key=value` and any later one dropped (a shell keeps the last), every other
/// line kept byte for byte; nullopt when no line assigns `key`. `value` is written as
/// given: the caller quotes it.
std::optional<std::string> replace_assignment(std::string_view text, std::string_view key,
                                              std::string_view value);
/// The same, with `key=value` appended when no line assigns `key`.
std::string set_assignment(std::string_view text, std::string_view key, std::string_view value);

}  // namespace image_agent

#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace image_agent::cli {

/// One command-line option; the same table parses the arguments and renders --help.
struct OptionSpec {
  std::string_view long_name;   ///< without the leading "--"
  char short_name = 0;          ///< 0: none
  std::string_view value_name;  ///< empty: a flag without a value
  std::string_view help;
};

struct ParsedOptions {
  std::map<std::string, std::vector<std::string>, std::less<>> values;  ///< flags get ""
  std::vector<std::string> operands;

  bool has(std::string_view name) const { return values.find(name) != values.end(); }
  /// The last value given for `name`, or `fallback`.
  std::string get(std::string_view name, std::string_view fallback = {}) const;
};

/// Options several commands share, so they read and render the same everywhere.
inline constexpr OptionSpec kRootOption{"root", 0, "DIR",
                                        "work on the tree at DIR (a mounted image) instead of /"};
inline constexpr OptionSpec kDryRunOption{"dry-run", 'n', "", "show what would change, change nothing"};
inline constexpr OptionSpec kHelpOption{"help", 'h', "", "show this help and exit"};

/// Parses `--name`, `--name=VALUE`, `--name VALUE`, `-x`, `-x VALUE` and `--`. With
/// `stop_at_operand`, parsing ends at the first operand (the subcommand), which is kept
/// in `operands` with everything after it.
Result<ParsedOptions> parse_options(std::span<const OptionSpec> specs, std::span<const std::string> args,
                                    bool stop_at_operand);

/// Every value of a list option, split at commas and trimmed, empty ones dropped: "a, b"
/// given once and "--x a --x b" both give {"a", "b"}. How every command reads ID,.. lists.
std::vector<std::string> comma_list(const ParsedOptions& options, std::string_view name);

/// "  -h, --help          show this help" lines, aligned.
std::string render_options(std::span<const OptionSpec> specs);

}  // namespace image_agent::cli

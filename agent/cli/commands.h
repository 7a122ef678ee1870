#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "cli/options.h"
#include "platform/agent_config.h"
#include "platform/root_fs.h"

namespace image_agent::cli {

/// Exit statuses, documented in --help, the README and the man page.
enum ExitStatus : int {
  kExitOk = 0,      ///< the job succeeded, nothing found
  kExitFailed = 1,  ///< the job found or failed something (a FAILED check, a group not applied)
  kExitUsage = 2,   ///< usage or configuration error, or a command not implemented yet
};

/// What every command gets: the loaded configuration. Arguments after the command name
/// are passed separately.
struct CommandContext {
  AgentConfig config;
};

using CommandHandler = int (*)(const CommandContext& context, std::span<const std::string> args);

/// One row of the command table, which drives dispatch and renders --help.
struct Command {
  std::string_view name;
  std::string_view summary;
  CommandHandler run;  ///< nullptr: not implemented yet
};

/// For a command's own --help: "Usage: image-agent NAME SYNOPSIS", the description, the
/// options table and the exit statuses.
void print_command_help(std::string_view name, std::string_view synopsis, std::string_view description,
                        std::span<const OptionSpec> options);

/// A usage error inside command `name`: one line on stderr, returns kExitUsage.
int command_usage_error(std::string_view name, std::string_view message);

/// Opens the tree --root names (default "/") for command `name`. One rule for every
/// command: a root that cannot be opened is a usage error (one line on stderr, naming
/// the path and why); nullopt then, and the command exits kExitUsage.
std::optional<RootFs> open_root_option(std::string_view name, const ParsedOptions& options);

/// Every subcommand, in the order --help lists them.
std::span<const Command> commands();

/// Runs the whole command line (argv without argv[0]) and returns the exit status.
int run_command_line(std::span<const std::string> args);

}  // namespace image_agent::cli

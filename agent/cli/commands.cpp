#include "cli/commands.h"

#include <sys/utsname.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "cli/firstboot_command.h"
#include "cli/options.h"
#include "cli/precheck_command.h"
#include "cli/sysprep_command.h"
#include "cli/version.h"
#include "guest/identity.h"
#include "platform/log.h"
#include "platform/os_release.h"
#include "platform/printable.h"
#include "platform/root_fs.h"

namespace image_agent::cli {
namespace {

int run_version(const CommandContext& context, std::span<const std::string> args);
int run_help(const CommandContext& context, std::span<const std::string> args);

constexpr std::array kCommands{
    Command{"precheck", "check that an instance from this guest will boot and can be configured",
            &run_precheck_command},
    Command{"firstboot", "apply the cloud's os.conf (host name, root password, network, DNS) at boot",
            &run_firstboot_command},
    Command{"sysprep", "remove what must not be cloned (host keys, machine-id, histories, credentials)",
            &run_sysprep},
    Command{"version", "print the version and the system it runs on", &run_version},
    Command{"help", "show help for image-agent or one of its commands", &run_help},
};

constexpr std::array kGlobalOptions{
    OptionSpec{"config", 0, "FILE", "configuration file (default /etc/image-agent/image-agent.yaml)"},
    OptionSpec{"log-level", 0, "LEVEL", "error, warning, notice, info or debug (default info)"},
    OptionSpec{"help", 'h', "", "show this help and exit"},
    OptionSpec{"version", 0, "", "print the version and exit"},
};

constexpr const char* kExitStatusHelp =
    "Exit status:\n"
    "  0  success: the job is done and found nothing wrong\n"
    "  1  the job found or failed something (a FAILED check, a setting not applied)\n"
    "  2  usage or configuration error\n";

const Command* find_command(std::string_view name) {
  auto it =
      std::find_if(kCommands.begin(), kCommands.end(), [&](const Command& c) { return c.name == name; });
  return it == kCommands.end() ? nullptr : &*it;
}

std::string usage_text() {
  std::string text =
      "Usage: image-agent [OPTIONS] COMMAND [ARGS]\n"
      "\n"
      "Prepares a Linux guest for cloud custom-image import and export, and configures it\n"
      "at first boot from the cloud's os.conf.\n"
      "\n"
      "Commands:\n";
  size_t width = 0;
  for (const Command& c : kCommands) width = std::max(width, c.name.size());
  for (const Command& c : kCommands) {
    text += "  " + std::string(c.name) + std::string(width - c.name.size() + 2, ' ') + std::string(c.summary);
    text += c.run == nullptr ? " (not implemented yet)\n" : "\n";
  }
  text += "\nOptions:\n" + render_options(kGlobalOptions) + "\n" + kExitStatusHelp +
          "\nRun 'image-agent help COMMAND' for a command's own options.\n";
  return text;
}

/// One line on stderr, then exit status 2.
int usage_error(std::string_view message, std::string_view help_hint = "image-agent --help") {
  // The message quotes arguments and files (a policy's keys): shown, never obeyed, as log::write does.
  const std::string shown = printable(message);
  std::fprintf(stderr, "image-agent: %s (see '%.*s')\n", shown.c_str(), static_cast<int>(help_hint.size()),
               help_hint.data());
  return kExitUsage;
}

void print_version() {
  std::printf("image-agent %s\n", kVersion);
}

/// The version, then what support needs to know about the system: the OS and kernel.
int run_version(const CommandContext&, std::span<const std::string> args) {
  if (!args.empty()) return usage_error("version takes no arguments");
  print_version();
  std::string os = "unknown OS";
  if (Result<RootFs> fs = RootFs::open("/")) {
    const guest::GuestIdentity identity = guest::identify_guest(*fs);
    if (const OsRelease* release = identity.os()) os = release->pretty_name;
  }
  utsname kernel{};
  if (::uname(&kernel) == 0) {
    std::printf("running on %s, %s %s %s\n", printable(os).c_str(), kernel.sysname, kernel.release,
                kernel.machine);
  }
  return kExitOk;
}

int run_help(const CommandContext&, std::span<const std::string> args) {
  if (args.empty()) {
    std::fputs(usage_text().c_str(), stdout);
    return kExitOk;
  }
  const Command* command = find_command(args[0]);
  if (command == nullptr || args.size() > 1) return usage_error("unknown command '" + args[0] + "'");
  if (command->run != nullptr && command->run != &run_help && command->run != &run_version) {
    const std::string help_flag = "--help";
    return command->run(CommandContext{}, std::span(&help_flag, 1));
  }
  std::printf("image-agent %.*s: %.*s\n", static_cast<int>(command->name.size()), command->name.data(),
              static_cast<int>(command->summary.size()), command->summary.data());
  if (command->run == nullptr) std::printf("This command is not implemented yet.\n");
  return kExitOk;
}

}  // namespace

std::span<const Command> commands() {
  return kCommands;
}

void print_command_help(std::string_view name, std::string_view synopsis, std::string_view description,
                        std::span<const OptionSpec> options) {
  std::string text = "Usage: image-agent " + std::string(name) + " " + std::string(synopsis) + "\n\n" +
                     std::string(description) + "\n\nOptions:\n" + render_options(options) + "\n" +
                     kExitStatusHelp;
  std::fputs(text.c_str(), stdout);
}

int command_usage_error(std::string_view name, std::string_view message) {
  return usage_error(message, "image-agent " + std::string(name) + " --help");
}

std::optional<RootFs> open_root_option(std::string_view name, const ParsedOptions& options) {
  Result<RootFs> fs = RootFs::open(options.get("root", "/"));
  if (!fs) {
    command_usage_error(name, fs.error().message);
    return std::nullopt;
  }
  return std::move(*fs);
}

int run_command_line(std::span<const std::string> args) {
  Result<ParsedOptions> global = parse_options(kGlobalOptions, args, /*stop_at_operand=*/true);
  if (!global) return usage_error(global.error().message);
  if (global->has("help")) return run_help({}, {});
  if (global->has("version")) {
    print_version();
    return kExitOk;
  }
  if (global->operands.empty()) {
    std::fputs(usage_text().c_str(), stderr);
    return kExitUsage;
  }
  const std::string& name = global->operands.front();
  const Command* command = find_command(name);
  if (command == nullptr) return usage_error("unknown command '" + name + "'");
  std::span<const std::string> command_args = std::span(global->operands).subspan(1);
  if (command->run == &run_help || command->run == &run_version) return command->run({}, command_args);

  CommandContext context;
  Result<AgentConfig> config =
      load_agent_config(global->get("config", kDefaultConfigPath), global->has("config"));
  if (!config) {
    std::fprintf(stderr, "image-agent: %s\n", printable(config.error().message).c_str());
    return kExitUsage;
  }
  context.config = *config;
  if (global->has("log-level") && !log::parse_level(global->get("log-level"), &context.config.log_level)) {
    return usage_error("unknown log level '" + global->get("log-level") + "'");
  }
  log::configure(context.config.log_target, context.config.log_level);
  if (command->run == nullptr) {
    log::error(name + ": not implemented yet");
    return kExitUsage;
  }
  log::notify_status("image-agent " + name + ": running");
  return command->run(context, command_args);
}

}  // namespace image_agent::cli

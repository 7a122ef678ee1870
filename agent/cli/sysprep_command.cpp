// The sysprep command: parses its options, runs each selected operation (plan, then
// apply unless --dry-run) and prints one line per operation. The engine never prints.
#include "cli/sysprep_command.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "cli/options.h"
#include "platform/log.h"
#include "platform/printable.h"
#include "platform/root_fs.h"
#include "sysprep/apply.h"
#include "sysprep/context.h"
#include "sysprep/registry.h"

namespace image_agent::cli {
namespace {

constexpr std::string_view kName = "sysprep";

constexpr std::array kOptions{
    kRootOption,
    kDryRunOption,
    OptionSpec{"operations", 0, "OP,..", "run exactly these operations (see --list)"},
    OptionSpec{"enable", 0, "OP,..", "run these as well as the default ones"},
    OptionSpec{"disable", 0, "OP,..", "do not run these"},
    OptionSpec{"cross-mounts", 0, "", "also work on mounts under the root (a separate /home, a bind mount)"},
    OptionSpec{"list", 0, "", "list every operation, what it removes and whether it runs by default"},
    kHelpOption,
};

constexpr std::string_view kDescription =
    "Removes from the guest what must not be cloned into every instance made from its\n"
    "image: SSH host keys, the machine-id, shell histories, private keys, cloud credentials,\n"
    "logs, DHCP leases, cloud-init state and more (see --list). Symlinks are removed as\n"
    "links and never followed; other mounts under the root (bind mounts too) are left alone\n"
    "unless --cross-mounts. With --dry-run it lists every path it would remove, truncate or\n"
    "edit, and changes nothing. One line per operation with counts.";

void print_list() {
  size_t width = 0;
  for (const sysprep::Operation* op : sysprep::operations()) width = std::max(width, op->id.size());
  std::printf("%-*s  %-7s  %s\n", static_cast<int>(width), "OPERATION", "DEFAULT", "REMOVES");
  for (const sysprep::Operation* op : sysprep::operations()) {
    std::printf("%-*s  %-7s  %.*s\n", static_cast<int>(width), std::string(op->id).c_str(),
                op->default_on ? "on" : "off", static_cast<int>(op->removes.size()), op->removes.data());
  }
}

std::string action_line(const sysprep::Action& action) {
  std::string verb = action.kind == sysprep::ActionKind::kRemove     ? "remove"
                     : action.kind == sysprep::ActionKind::kTruncate ? "truncate"
                                                                     : "edit";
  std::string line = "  " + verb + " " + guest_path(action.path);
  if (!action.note.empty()) line += " (" + action.note + ")";
  // The guest's file names, shown as the log shows them: no escape sequence reaches the
  // terminal, no newline in a name makes a line of its own.
  return printable(line) + "\n";
}

void print_dry_run(std::string_view id, const sysprep::Plan& plan) {
  sysprep::Counts c = sysprep::count_plan(plan);
  std::printf("%.*s: would remove %d, truncate %d, edit %d; skipped %d, failed %d\n",
              static_cast<int>(id.size()), id.data(), c.removed, c.truncated, c.edited, c.skipped, c.failed);
  for (const sysprep::Action& action : plan.actions) std::fputs(action_line(action).c_str(), stdout);
  for (const sysprep::Skip& skip : plan.skipped) {
    std::printf("  skip %s\n", printable(guest_path(skip.path) + ": " + skip.reason).c_str());
  }
}

/// Runs one operation; returns false when any part of it failed.
bool run_operation(const sysprep::Operation& op, const sysprep::Context& context, bool dry_run) {
  const std::string prefix = "sysprep: " + std::string(op.id) + ": ";
  sysprep::Plan plan = op.plan(context);
  if (dry_run) {
    print_dry_run(op.id, plan);
    for (const Error& error : plan.errors) log::error(prefix + error.message);
    return plan.errors.empty();
  }
  for (const sysprep::Skip& skip : plan.skipped)
    log::info(prefix + "left " + guest_path(skip.path) + ": " + skip.reason);
  sysprep::Outcome outcome = sysprep::apply_plan(context.fs(), plan);
  for (const Error& failure : outcome.failures) log::error(prefix + failure.message);
  const sysprep::Counts& c = outcome.counts;
  std::printf("%.*s: removed %d, truncated %d, edited %d, skipped %d, failed %d\n",
              static_cast<int>(op.id.size()), op.id.data(), c.removed, c.truncated, c.edited, c.skipped,
              c.failed);
  std::fflush(stdout);
  return c.failed == 0;
}

}  // namespace

int run_sysprep(const CommandContext&, std::span<const std::string> args) {
  Result<ParsedOptions> options = parse_options(kOptions, args, /*stop_at_operand=*/false);
  if (!options) return command_usage_error(kName, options.error().message);
  if (options->has("help")) {
    print_command_help(
        kName, "[--root DIR] [--dry-run] [--operations OP,..|--enable OP,..|--disable OP,..] [--list]",
        kDescription, kOptions);
    return kExitOk;
  }
  if (!options->operands.empty()) {
    return command_usage_error(kName, "unexpected argument '" + options->operands.front() + "'");
  }
  if (options->has("list")) {
    print_list();
    return kExitOk;
  }
  std::vector<std::string> only = comma_list(*options, "operations");
  if (options->has("operations") && only.empty())
    return command_usage_error(kName, "--operations names no operation");
  Result<std::vector<const sysprep::Operation*>> selected =
      sysprep::select_operations(only, comma_list(*options, "enable"), comma_list(*options, "disable"));
  if (!selected) return command_usage_error(kName, selected.error().message);

  std::optional<RootFs> fs = open_root_option(kName, *options);
  if (!fs) return kExitUsage;
  Result<sysprep::Context> context =
      sysprep::Context::make(*fs, {.cross_mounts = options->has("cross-mounts")});
  if (!context) {
    log::error("sysprep: " + context.error().message);
    return kExitFailed;
  }

  const bool dry_run = options->has("dry-run");
  int failed = 0;
  for (const sysprep::Operation* op : *selected) {
    log::notify_status("image-agent sysprep: " + std::string(op->id));
    if (!run_operation(*op, *context, dry_run)) ++failed;
  }
  log::notify_status(failed == 0 ? "image-agent sysprep: done"
                                 : "image-agent sysprep: some operations failed");
  return failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace image_agent::cli

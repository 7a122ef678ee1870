#include "cli/precheck_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "cli/version.h"
#include "platform/log.h"
#include "platform/root_fs.h"
#include "precheck/policy.h"
#include "precheck/registry.h"
#include "precheck/report.h"
#include "precheck/runner.h"

namespace image_agent::cli {
namespace {

using precheck::Item;
using precheck::Status;

constexpr std::array kOptions{
    kRootOption,
    OptionSpec{"profile", 0, "NAME", "aliyun (default), aliyun-customized, oci, export or generic"},
    OptionSpec{"json", 0, "", "print the JSON report on stdout, and nothing else there"},
    OptionSpec{"report-dir", 'p', "DIR",
               "write image_check_report_<time>.txt and image_check_report.json into DIR"},
    OptionSpec{"only", 0, "ID,..", "check only these items"},
    OptionSpec{"skip", 0, "ID,..", "do not check these items"},
    OptionSpec{"strict", 0, "", "exit 1 on any WARNING too"},
    OptionSpec{"config", 0, "FILE", "policy file (YAML) instead of the built-in one"},
    OptionSpec{"list", 0, "", "list every item with its rule and its severity in the profile"},
    OptionSpec{"timeout", 0, "SECONDS", "deadline for each item (default 60)"},
    kHelpOption,
};

constexpr const char* kDescription =
    "Inspects the guest (the running system, or a mounted image with --root) before it is\n"
    "captured or exported, and says for each item whether an instance made from it will boot\n"
    "(FAILED: it will not) and can be configured the cloud's standard way (WARNING: it cannot).\n"
    "Items that cannot be decided here (not root, no block device) are SKIPPED with the reason.\n"
    "Read-only: it writes nothing but its reports.\n"
    "Exit status: 0 no FAILED item; 1 at least one FAILED (with --strict, WARNING too); 2 usage\n"
    "or policy error.";

void print_list(const precheck::Policy& policy, const std::string& profile) {
  for (const Item& item : precheck::all_items()) {
    const precheck::ItemPolicy* p = policy.find(profile, item.id);
    const char* severity = p == nullptr ? "off" : p->severity == Status::kFailed ? "FAILED" : "WARNING";
    std::printf("%-16s %-8s %.*s\n", std::string(item.id).c_str(), severity,
                static_cast<int>(item.rule.size()), item.rule.data());
  }
}

/// "The report is generated : PATH" for each of `paths`: image_check's console line, which
/// pipelines written for it look for.
std::string generated_lines(const std::vector<std::string>& paths) {
  std::string text;
  for (const std::string& path : paths) text += precheck::report_generated_line(path);
  return text;
}

/// Writes both reports into `dir` atomically; returns their paths, the TXT report's first
/// (the one image_check names).
Result<std::vector<std::string>> write_reports(const std::string& dir, const precheck::Report& report) {
  Result<RootFs> out = RootFs::open(dir);
  if (!out) return out.error();
  // image_check's time format ("2018-05-14_19-18-10") is made for this name.
  const std::string txt = "image_check_report_" + report.header.time + ".txt";
  const std::string json = "image_check_report.json";
  std::vector<std::string> paths{out->host_path(txt), out->host_path(json)};
  const NewFileAttributes attributes{.mode = 0644, .uid = {}, .gid = {}, .selinux_label = {}};
  // The JSON first: the TXT report ends by naming both.
  if (auto r = out->replace_file(json, precheck::render_json(report), attributes); !r) return r.error();
  if (auto r =
          out->replace_file(txt, precheck::render_text(report, false) + generated_lines(paths), attributes);
      !r) {
    return r.error();
  }
  return paths;
}

/// --timeout SECONDS into the runner's options; false when it is not a positive number.
bool read_timeout(const ParsedOptions& options, precheck::RunnerOptions* runner) {
  if (!options.has("timeout")) return true;
  const std::string text = options.get("timeout");  // `end` points into it
  char* end = nullptr;
  const long seconds = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0' || seconds <= 0) return false;
  runner->item_deadline = std::chrono::seconds(seconds);
  return true;
}

/// The console report (or --json) on stdout, and both reports into --report-dir.
int print_reports(const precheck::Report& report, const ParsedOptions& options) {
  std::vector<std::string> written;
  if (options.has("report-dir")) {
    Result<std::vector<std::string>> paths = write_reports(options.get("report-dir"), report);
    if (!paths) {
      log::error("reports: " + paths.error().message);
      return kExitFailed;
    }
    written = std::move(*paths);
  }
  if (options.has("json")) {
    std::fputs(precheck::render_json(report).c_str(), stdout);
  } else {
    const bool color = ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
    std::fputs((precheck::render_text(report, color) + generated_lines(written)).c_str(), stdout);
  }
  std::fflush(stdout);
  const precheck::Summary summary = report.summary();
  return summary.failed > 0 || (options.has("strict") && summary.warning > 0) ? kExitFailed : kExitOk;
}

/// Judges `selected` on `fs` and reports.
int check(const RootFs& fs, const precheck::Policy& policy, const std::string& profile,
          const std::vector<const Item*>& selected, const precheck::RunnerOptions& runner,
          const ParsedOptions& options) {
  const bool live = fs.is_host_root();
  precheck::Context context(fs, policy, profile, live);
  log::notify_status("precheck: checking " + std::to_string(selected.size()) + " items");
  precheck::Report report;
  report.header = precheck::gather_header(context);
  report.header.version = kVersion;
  report.header.profile = profile;
  report.outcomes = precheck::run_items(context, selected, runner);
  const int status = print_reports(report, options);
  // A check that hung still runs on its thread: leave without tearing down what it uses.
  if (precheck::any_timed_out(report.outcomes)) std::_Exit(status);
  return status;
}

}  // namespace

int run_precheck_command(const CommandContext&, std::span<const std::string> args) {
  Result<ParsedOptions> options = parse_options(kOptions, args, false);
  if (!options) return command_usage_error("precheck", options.error().message);
  if (options->has("help")) {
    print_command_help(
        "precheck",
        "[--root DIR] [--profile NAME] [--json] [-p DIR] [--only ID,..] [--skip ID,..] [--strict] "
        "[--config FILE] [--list]",
        kDescription, kOptions);
    return kExitOk;
  }
  if (!options->operands.empty()) {
    return command_usage_error("precheck", "unexpected argument '" + options->operands[0] + "'");
  }

  Result<precheck::Policy> policy = precheck::load_policy(options->get("config"));
  if (!policy) {
    log::error(policy.error().message);
    return kExitUsage;
  }
  const std::string profile = options->get("profile", "aliyun");
  if (!policy->profiles.contains(profile)) {
    return command_usage_error("precheck", "unknown profile '" + profile + "' in the " + policy->source);
  }
  if (options->has("list")) {
    print_list(*policy, profile);
    return kExitOk;
  }
  Result<std::vector<const Item*>> selected =
      precheck::select_items(*policy, profile, comma_list(*options, "only"), comma_list(*options, "skip"));
  if (!selected) return command_usage_error("precheck", selected.error().message);
  precheck::RunnerOptions runner;
  if (!read_timeout(*options, &runner))
    return command_usage_error("precheck", "--timeout needs a positive number");

  std::optional<RootFs> fs = open_root_option("precheck", *options);
  if (!fs) return kExitUsage;
  return check(*fs, *policy, profile, *selected, runner, *options);
}

}  // namespace image_agent::cli

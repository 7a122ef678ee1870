#include "cli/firstboot_command.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <optional>

#include "firstboot/firstboot.h"
#include "firstboot/os_conf_file.h"
#include "firstboot/run_lock.h"
#include "firstboot/ssh_host_keys.h"
#include "platform/log.h"
#include "platform/printable.h"
#include "platform/root_fs.h"

namespace image_agent::cli {
namespace {

using firstboot::GroupReport;

constexpr std::array kOptions{
    kRootOption,
    OptionSpec{"os-conf", 0, "FILE", "read this os.conf instead of finding it on partition 1"},
    OptionSpec{"network-backend", 0, "NAME",
               "ifcfg-rhel, ifupdown, netplan, networkd, networkmanager or ifcfg-suse (default: detect)"},
    kDryRunOption,
    OptionSpec{"keep-os-conf", 0, "", "do not delete os.conf after a fully successful run"},
    OptionSpec{"no-ssh-host-keys", 0, "",
               "leave missing SSH host keys to image-agent-ssh-host-keys.service (the unit passes it)"},
    kHelpOption,
};

/// How long a run waits for another one on the same root (at boot the unit and a run by
/// hand): the whole job takes seconds; giving up keeps a hung run from blocking the boot.
constexpr std::chrono::seconds kRunLockWait{60};

constexpr const char* kDescription =
    "Applies the cloud's aliyun_custom_image/os.conf: host name, root password, network\n"
    "(every NIC, matched by MAC; all routes; default gateway) and DNS, each group all or\n"
    "nothing. Without --os-conf the file is looked for on partition 1 of the system disk\n"
    "(mounted privately if it is not mounted); with --root DIR and no --os-conf, in\n"
    "DIR/aliyun_custom_image/ and DIR/boot/aliyun_custom_image/. No os.conf: nothing to do.\n"
    "After full success os.conf is deleted (it holds the password); after any failure it\n"
    "is kept, so the next boot retries. Also creates SSH host keys (ssh-keygen -A) when the\n"
    "running guest has none, unless --no-ssh-host-keys.";

void log_group(const GroupReport& g) {
  std::vector<log::Field> fields{{"IMAGE_AGENT_GROUP", g.group}};
  std::string files;
  for (const std::string& f : g.changed) files += (files.empty() ? "" : " ") + f;
  if (!files.empty()) fields.emplace_back("IMAGE_AGENT_FILES", files);
  const std::string detail = g.detail.empty() ? "" : " (" + g.detail + ")";
  switch (g.status) {
    case GroupReport::Status::kApplied:
      log::info(g.group + ": applied" + detail + ": " + files, fields);
      break;
    case GroupReport::Status::kUnchanged:
      log::info(g.group + ": already configured" + detail + ", nothing changed", fields);
      break;
    case GroupReport::Status::kPlanned:
      break;
    case GroupReport::Status::kFailed:
      log::error(g.group + ": not applied: " + g.error, fields);
      break;
  }
}

/// Creates missing SSH host keys (ssh-keygen -A) in the running guest; a failure is
/// logged and does not stop the rest.
void make_ssh_host_keys(const RootFs& fs, bool live) {
  if (Result<bool> made = firstboot::ensure_ssh_host_keys(fs, live); !made) {
    log::warning("SSH host keys: " + made.error().message);
  } else if (*made) {
    log::info("SSH host keys were missing: generated new ones");
  }
}

void log_os_conf_issues(const std::string& path, const firstboot::OsConf& conf) {
  for (const firstboot::Issue& w : conf.warnings) {
    log::warning(path + ": line " + std::to_string(w.line) + ": " + w.message);
  }
  for (const firstboot::Issue& e : conf.file_errors) {
    log::error(path + ": line " + std::to_string(e.line) + ": " + e.message);
  }
}

/// Logs each group; with --dry-run also prints its plan.
void report_groups(const firstboot::FirstbootReport& report, bool dry_run) {
  for (const GroupReport& g : report.groups) {
    if (dry_run) {
      std::string header = "# " + g.group + (g.detail.empty() ? "" : " (" + g.detail + ")");
      if (g.status == GroupReport::Status::kFailed) header += ": would fail: " + g.error;
      // The diffs quote the guest's files: their lines and tabs kept, their escape
      // sequences shown, not obeyed.
      std::printf("%s\n%s", printable(header).c_str(), printable_lines(g.plan).c_str());
    }
    log_group(g);
  }
}

/// The password is set: the retry of the other groups must not find it on partition 1.
void scrub_password(const firstboot::OsConfFile& file) {
  const std::string& path = file.path;
  Result<bool> removed = firstboot::remove_password_from_os_conf(file);
  if (!removed) {
    log::error(removed.error().message);
  } else if (*removed) {
    log::info("password applied: password= removed from " + path + "; the other settings stay for the retry");
  }
}

/// After a fully successful run: os.conf goes (it holds the password), unless kept. An
/// os.conf without settings goes too: kept, it would be read again at every boot.
int finish(const firstboot::OsConfFile& file, bool keep, bool had_settings) {
  const std::string& path = file.path;
  const std::string outcome = had_settings ? "all settings applied" : "nothing to apply";
  if (keep) {
    log::info(outcome + "; os.conf kept (--keep-os-conf)");
  } else if (Result<void> deleted = firstboot::delete_os_conf(file); !deleted) {
    log::error(deleted.error().message);
    return kExitFailed;
  } else {
    log::info(outcome + "; " + path + " deleted");
  }
  return kExitOk;
}

/// Finds, reads and applies os.conf on `fs`.
int configure(const RootFs& fs, const firstboot::FirstbootOptions& run, const ParsedOptions& options) {
  const bool given = options.has("os-conf");
  if (run.live && !given) log::notify_status("looking for os.conf on partition 1");
  std::string none;
  Result<std::optional<firstboot::OsConfFile>> found =
      firstboot::find_os_conf(fs, run.live, options.get("os-conf"), &none);
  if (!found) {
    log::error(found.error().message);
    return kExitFailed;
  }
  if (!*found) {
    log::info(none);
    return kExitOk;
  }
  const firstboot::OsConfFile& file = **found;
  const std::string& path = file.path;
  Result<firstboot::OsConf> conf = firstboot::load_os_conf(file);
  if (!conf) {
    if (conf.error().code == ENOENT && !given) {
      log::info("no os.conf found: nothing to configure");
      return kExitOk;
    }
    log::error(conf.error().message);
    return given ? kExitUsage : kExitFailed;
  }
  log_os_conf_issues(path, *conf);

  log::notify_status("applying " + path);
  firstboot::FirstbootReport report = firstboot::run_firstboot(fs, *conf, run);
  report_groups(report, run.dry_run);
  const bool had_settings = !report.groups.empty() || !report.file_errors.empty();
  if (!had_settings) log::info(path + " has no settings");
  if (report.failed()) {
    log::error("os.conf kept at " + path + ": the next boot retries");
    if (!run.dry_run && !options.has("keep-os-conf") && report.holds("password")) scrub_password(file);
    return kExitFailed;
  }
  return run.dry_run ? kExitOk : finish(file, options.has("keep-os-conf"), had_settings);
}

}  // namespace

int run_firstboot_command(const CommandContext&, std::span<const std::string> args) {
  Result<ParsedOptions> options = parse_options(kOptions, args, false);
  if (!options) return command_usage_error("firstboot", options.error().message);
  if (options->has("help")) {
    print_command_help("firstboot",
                       "[--root DIR] [--os-conf FILE] [--network-backend NAME] [--dry-run] [--keep-os-conf] "
                       "[--no-ssh-host-keys]",
                       kDescription, kOptions);
    return kExitOk;
  }
  if (!options->operands.empty())
    return command_usage_error("firstboot", "unexpected argument '" + options->operands[0] + "'");

  // The password passes through this process: keep it out of core files.
  ::prctl(PR_SET_DUMPABLE, 0);
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);

  std::optional<RootFs> fs = open_root_option("firstboot", *options);
  if (!fs) return kExitUsage;
  firstboot::FirstbootOptions run;
  run.live = fs->is_host_root();
  run.dry_run = options->has("dry-run");
  run.network_backend = options->get("network-backend");
  run.today = static_cast<long>(std::time(nullptr) / 86400);
  // At boot the journal is not where a user with an unreachable instance looks: the
  // cloud's serial console is. What firstboot did (never a secret) goes there too.
  if (run.live && log::target() == log::Target::kJournal) log::mirror_to("/dev/console");

  // One run at a time on a root (RunLock); a dry run changes nothing and does not wait.
  // Taken before os.conf is looked for: the second run then finds it gone, not half used.
  std::optional<firstboot::RunLock> lock;
  if (!run.dry_run) {
    Result<firstboot::RunLock> held = firstboot::RunLock::acquire(*fs, kRunLockWait, [&] {
      log::info("another image-agent firstboot is running on " + fs->root() + ": waiting for it to finish");
    });
    if (!held) {
      log::error(held.error().message + ": nothing changed, os.conf left for the next run");
      return kExitFailed;
    }
    lock.emplace(std::move(*held));
  }

  if (!run.dry_run && !options->has("no-ssh-host-keys")) make_ssh_host_keys(*fs, run.live);
  return configure(*fs, run, *options);
}

}  // namespace image_agent::cli

#include "cli/firstboot_command.h"

#include <fcntl.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <optional>

#include "firstboot/firstboot.h"
#include "firstboot/locate.h"
#include "firstboot/ssh_host_keys.h"
#include "platform/log.h"
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

constexpr const char* kDescription =
    "Applies the cloud's aliyun_custom_image/os.conf: host name, root password, network\n"
    "(every NIC, matched by MAC; all routes; default gateway) and DNS, each group all or\n"
    "nothing. Without --os-conf the file is looked for on partition 1 of the system disk\n"
    "(mounted privately if it is not mounted); with --root DIR and no --os-conf, in\n"
    "DIR/aliyun_custom_image/ and DIR/boot/aliyun_custom_image/. No os.conf: nothing to do.\n"
    "After full success os.conf is deleted (it holds the password); after any failure it\n"
    "is kept, so the next boot retries. Also creates SSH host keys (ssh-keygen -A) when the\n"
    "running guest has none, unless --no-ssh-host-keys.";

constexpr size_t kMaxOsConfSize = size_t{64} * 1024;

/// os.conf as text; wiped by the caller once parsed (it holds the password).
Result<std::string> read_os_conf(const std::string& path) {
  Result<RootFs> host = RootFs::open("/");
  if (!host) return host.error();
  std::string absolute = path;
  if (absolute.empty() || absolute.front() != '/') {
    char cwd[4096];
    if (::getcwd(cwd, sizeof cwd) == nullptr) return Error::from_errno("getcwd");
    absolute = std::string(cwd) + "/" + path;
  }
  return host->read_file(absolute, kMaxOsConfSize);
}

std::optional<std::string> existing(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0 ? std::optional(path) : std::nullopt;
}

/// Removes os.conf durably: it holds the root password.
Result<void> delete_os_conf(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return Error::from_errno("delete " + path);
  std::string dir = path.substr(0, path.rfind('/'));
  if (Result<RootFs> host = RootFs::open(dir.empty() ? "/" : dir)) {
    if (Result<UniqueFd> fd = host->open_file("/", O_RDONLY | O_DIRECTORY)) ::fsync(fd->get());
  }
  return {};
}

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
  const bool live = fs->is_host_root();
  // At boot the journal is not where a user with an unreachable instance looks: the
  // cloud's serial console is. What firstboot did (never a secret) goes there too.
  if (live && log::target() == log::Target::kJournal) log::mirror_to("/dev/console");
  firstboot::FirstbootOptions run;
  run.live = live;
  run.dry_run = options->has("dry-run");
  run.network_backend = options->get("network-backend");
  run.today = static_cast<long>(std::time(nullptr) / 86400);

  if (!run.dry_run && !options->has("no-ssh-host-keys")) {
    if (Result<bool> made = firstboot::ensure_ssh_host_keys(*fs, live); !made) {
      log::warning("SSH host keys: " + made.error().message);
    } else if (*made) {
      log::info("SSH host keys were missing: generated new ones");
    }
  }

  // Where os.conf is: given, on partition 1 (live), or inside the offline tree.
  std::optional<firstboot::PartitionMount> partition;
  std::optional<std::string> path;
  if (options->has("os-conf")) {
    path = options->get("os-conf");
  } else if (live) {
    log::notify_status("looking for os.conf on partition 1");
    Result<BlockDevice> device = firstboot::find_system_partition_one();
    if (!device) {
      log::info("no os.conf: " + device.error().message);
      return kExitOk;
    }
    Result<firstboot::PartitionMount> mounted =
        firstboot::PartitionMount::open(*device, std::chrono::seconds(10));
    if (!mounted) {
      log::error("partition 1 (" + device->name + "): " + mounted.error().message);
      return kExitFailed;
    }
    partition.emplace(std::move(*mounted));
    // Partition 1 is often the root itself: "/" + path, not "//" + path.
    const std::string& dir = partition->directory();
    path = existing(dir + (dir.ends_with('/') ? "" : "/") + firstboot::kOsConfRelativePath);
  } else {
    path = existing(fs->host_path(std::string("/") + firstboot::kOsConfRelativePath));
    if (!path) path = existing(fs->host_path(std::string("/boot/") + firstboot::kOsConfRelativePath));
  }
  if (!path) {
    log::info("no os.conf found: nothing to configure");
    return kExitOk;
  }

  Result<std::string> text = read_os_conf(*path);
  if (!text) {
    if (text.error().code == ENOENT && !options->has("os-conf")) {
      log::info("no os.conf found: nothing to configure");
      return kExitOk;
    }
    log::error(text.error().message);
    return options->has("os-conf") ? kExitUsage : kExitFailed;
  }
  firstboot::OsConf conf = firstboot::parse_os_conf(*text);
  explicit_bzero(text->data(), text->size());

  for (const firstboot::Issue& w : conf.warnings) {
    log::warning(*path + ": line " + std::to_string(w.line) + ": " + w.message);
  }
  for (const firstboot::Issue& e : conf.file_errors) {
    log::error(*path + ": line " + std::to_string(e.line) + ": " + e.message);
  }

  log::notify_status("applying " + *path);
  firstboot::FirstbootReport report = firstboot::run_firstboot(*fs, conf, run);
  for (const GroupReport& g : report.groups) {
    if (run.dry_run) {
      std::string header = "# " + g.group + (g.detail.empty() ? "" : " (" + g.detail + ")");
      if (g.status == GroupReport::Status::kFailed) header += ": would fail: " + g.error;
      std::printf("%s\n%s", header.c_str(), g.plan.c_str());
    }
    log_group(g);
  }
  if (report.groups.empty() && report.file_errors.empty()) log::info(*path + " has no settings");

  if (report.failed()) {
    log::error("os.conf kept at " + *path + ": the next boot retries");
    return kExitFailed;
  }
  if (run.dry_run) return kExitOk;
  if (options->has("keep-os-conf")) {
    log::info("all settings applied; os.conf kept (--keep-os-conf)");
  } else if (Result<void> deleted = delete_os_conf(*path); !deleted) {
    log::error(deleted.error().message);
    return kExitFailed;
  } else {
    log::info("all settings applied; " + *path + " deleted");
  }
  return kExitOk;
}

}  // namespace image_agent::cli

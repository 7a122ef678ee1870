#pragma once

#include <string>
#include <vector>

#include "firstboot/os_conf.h"
#include "firstboot/plan.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

struct FirstbootOptions {
  /// Configuring the running system (no --root): sysfs names NICs, the running host
  /// name is set. Offline, nothing outside the root is touched.
  bool live = true;
  bool dry_run = false;
  std::string network_backend;  ///< "" = detect from the root
  long today = 0;               ///< days since 1970-01-01, for /etc/shadow
};

struct GroupReport {
  enum class Status { kApplied, kUnchanged, kPlanned, kFailed };
  std::string group;
  Status status = Status::kFailed;
  std::string error;                 ///< kFailed: the cause, line-numbered for os.conf errors
  std::vector<std::string> changed;  ///< kApplied: files written or removed
  std::string plan;                  ///< kPlanned: the diff and actions (secrets masked)
  std::string detail;                ///< e.g. "backend netplan"
};

struct FirstbootReport {
  std::vector<GroupReport> groups;
  std::vector<Issue> file_errors;  ///< os.conf lines that belong to no group
  std::vector<Issue> warnings;     ///< unknown keys

  /// Anything failed: os.conf must be kept so the next boot retries.
  bool failed() const;
  /// Whether `group` ran and the guest now holds its settings (applied, or already so).
  bool holds(std::string_view group) const;
};

/// What firstboot would do with one group: its plan, or why it cannot be planned (an
/// os.conf error, a user's file in the way, no network stack recognised, ...).
struct PlannedGroup {
  std::string group;   ///< "hostname", "password", "network", "dns"
  std::string detail;  ///< e.g. "backend netplan"
  Result<GroupPlan> plan;
};

/// The groups `conf` mentions, in the order firstboot plans and applies them.
std::vector<std::string> groups_of(const OsConf& conf);

/// Plans `group` (one of groups_of(conf)) on `fs` as it is now; changes nothing. On a
/// guest with cloud-init, the network and hostname groups also write the drop-in that
/// keeps cloud-init off them (cloud_init.h).
PlannedGroup plan_group(const RootFs& fs, const OsConf& conf, const FirstbootOptions& options,
                        const std::string& group);

/// Plans every group `conf` mentions on `fs` as it is now and changes nothing:
/// firstboot's plan as a value, which --dry-run shows and precheck asks for (what would
/// firstboot do on this image?). Offline (options.live false) nothing outside `fs` is read.
std::vector<PlannedGroup> plan_firstboot(const RootFs& fs, const OsConf& conf,
                                         const FirstbootOptions& options);

/// Plans every group os.conf mentions and, unless dry_run, applies each all-or-nothing.
/// A failed group does not stop the others.
FirstbootReport run_firstboot(const RootFs& fs, const OsConf& conf, const FirstbootOptions& options);

/// "line 7 (eth0_route): route ... is not reachable ...", one per issue, joined by "; ".
std::string describe_issues(const std::vector<Issue>& issues);

}  // namespace image_agent::firstboot

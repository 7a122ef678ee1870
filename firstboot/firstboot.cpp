#include "firstboot/firstboot.h"

#include <cerrno>
#include <optional>

#include "firstboot/cloud_init.h"
#include "firstboot/dns.h"
#include "firstboot/hostname.h"
#include "firstboot/network/network_group.h"
#include "firstboot/password.h"
#include "firstboot/plan.h"

namespace image_agent::firstboot {
namespace {

GroupReport failed(const std::string& group, std::string error) {
  GroupReport report;
  report.group = group;
  report.status = GroupReport::Status::kFailed;
  report.error = std::move(error);
  return report;
}

/// Shows (dry run) or applies one planned group.
GroupReport show_or_apply(const RootFs& fs, const PlannedGroup& planned, const FirstbootOptions& options) {
  if (!planned.plan) return failed(planned.group, planned.plan.error().message);
  GroupReport report;
  report.group = planned.group;
  report.detail = planned.detail;
  if (options.dry_run) {
    report.status = GroupReport::Status::kPlanned;
    report.plan = render_plan(fs, *planned.plan);
    return report;
  }
  Result<GroupResult> applied = apply_group(fs, *planned.plan);
  if (!applied) return failed(planned.group, applied.error().message);
  report.status = applied->changed.empty() ? GroupReport::Status::kUnchanged : GroupReport::Status::kApplied;
  report.changed = std::move(applied->changed);
  return report;
}

/// A group that os.conf's own errors keep from being planned.
PlannedGroup refused(std::string group, const std::vector<Issue>& errors) {
  return {std::move(group), "", Error{describe_issues(errors), EINVAL}};
}

}  // namespace

bool FirstbootReport::holds(std::string_view group) const {
  for (const GroupReport& g : groups) {
    if (g.group == group)
      return g.status == GroupReport::Status::kApplied || g.status == GroupReport::Status::kUnchanged;
  }
  return false;
}

bool FirstbootReport::failed() const {
  if (!file_errors.empty()) return true;
  for (const GroupReport& g : groups) {
    if (g.status == GroupReport::Status::kFailed) return true;
  }
  return false;
}

std::string describe_issues(const std::vector<Issue>& issues) {
  std::string text;
  for (const Issue& issue : issues) {
    if (!text.empty()) text += "; ";
    if (issue.line > 0) text += "line " + std::to_string(issue.line) + " ";
    if (!issue.key.empty()) text += "(" + issue.key + ") ";
    text += issue.message;
  }
  return text;
}

std::vector<std::string> groups_of(const OsConf& conf) {
  std::vector<std::string> groups;
  if (conf.hostname.present()) groups.emplace_back("hostname");
  if (conf.password.present()) groups.emplace_back("password");
  if (conf.network.present()) groups.emplace_back("network");
  if (conf.dns.present()) groups.emplace_back("dns");
  return groups;
}

namespace {

/// The group's own plan, before cloud-init is kept off it.
PlannedGroup plan_settings(const RootFs& fs, const OsConf& conf, const FirstbootOptions& options,
                           const std::string& group) {
  if (group == "hostname") {
    if (!conf.hostname.errors.empty()) return refused(group, conf.hostname.errors);
    return {group, "", plan_hostname(fs, *conf.hostname.value, options.live)};
  }
  if (group == "password") {
    if (!conf.password.errors.empty()) return refused(group, conf.password.errors);
    return {group, "", plan_password(fs, *conf.password.value, options.today)};
  }
  if (group == "network") {
    if (!conf.network.errors.empty()) return refused(group, conf.network.errors);
    std::string detail;
    Result<GroupPlan> plan =
        plan_network(fs, *conf.network.value, options.network_backend, options.live, &detail);
    return {group, std::move(detail), std::move(plan)};
  }
  if (!conf.dns.errors.empty()) return refused(group, conf.dns.errors);
  return {group, "", plan_dns(fs, *conf.dns.value)};
}

}  // namespace

PlannedGroup plan_group(const RootFs& fs, const OsConf& conf, const FirstbootOptions& options,
                        const std::string& group) {
  PlannedGroup planned = plan_settings(fs, conf, options, group);
  if (!planned.plan) return planned;
  Result<FileChanges> dropin = plan_cloud_init_dropin(fs, group);
  if (!dropin) {
    planned.plan = dropin.error();
  } else {
    append(planned.plan->files, *dropin);
  }
  return planned;
}

std::vector<PlannedGroup> plan_firstboot(const RootFs& fs, const OsConf& conf,
                                         const FirstbootOptions& options) {
  std::vector<PlannedGroup> groups;
  for (const std::string& group : groups_of(conf)) groups.push_back(plan_group(fs, conf, options, group));
  return groups;
}

FirstbootReport run_firstboot(const RootFs& fs, const OsConf& conf, const FirstbootOptions& options) {
  FirstbootReport report;
  report.file_errors = conf.file_errors;
  report.warnings = conf.warnings;
  // Held from reading /etc/shadow (planning) to renaming the new one over it (applying).
  // A dry run writes nothing, not even the lock file.
  std::optional<Result<ShadowLock>> lock;
  if (!options.dry_run && conf.password.present() && conf.password.errors.empty()) {
    lock.emplace(ShadowLock::acquire(fs));
  }
  // Each group is planned only after the ones before it are applied: two groups may edit
  // one file (hostname and the RHEL ifcfg backend both edit /etc/sysconfig/network).
  for (const std::string& group : groups_of(conf)) {
    if (group == "password" && lock && !*lock) {
      report.groups.push_back(failed(group, (*lock).error().message));
      continue;
    }
    report.groups.push_back(show_or_apply(fs, plan_group(fs, conf, options, group), options));
  }
  return report;
}

}  // namespace image_agent::firstboot

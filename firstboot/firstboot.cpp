#include "firstboot/firstboot.h"

#include <optional>

#include "firstboot/dns.h"
#include "firstboot/hostname.h"
#include "firstboot/network_group.h"
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

/// Plans with `make_plan`, then shows or applies the plan.
template <typename MakePlan>
GroupReport plan_and_apply(const RootFs& fs, const std::string& group, const FirstbootOptions& options,
                           MakePlan make_plan) {
  std::string detail;
  Result<GroupPlan> plan = make_plan(&detail);
  if (!plan) return failed(group, plan.error().message);
  GroupReport report;
  report.group = group;
  report.detail = std::move(detail);
  if (options.dry_run) {
    report.status = GroupReport::Status::kPlanned;
    report.plan = render_plan(fs, *plan);
    return report;
  }
  Result<GroupResult> applied = apply_group(fs, *plan);
  if (!applied) return failed(group, applied.error().message);
  report.status = applied->changed.empty() ? GroupReport::Status::kUnchanged : GroupReport::Status::kApplied;
  report.changed = std::move(applied->changed);
  return report;
}

}  // namespace

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

FirstbootReport run_firstboot(const RootFs& fs, const OsConf& conf, const FirstbootOptions& options) {
  FirstbootReport report;
  report.file_errors = conf.file_errors;
  report.warnings = conf.warnings;

  if (conf.hostname.present()) {
    report.groups.push_back(!conf.hostname.errors.empty()
                                ? failed("hostname", describe_issues(conf.hostname.errors))
                                : plan_and_apply(fs, "hostname", options, [&](std::string*) {
                                    return plan_hostname(fs, *conf.hostname.value, options.live);
                                  }));
  }
  if (conf.password.present()) {
    if (!conf.password.errors.empty()) {
      report.groups.push_back(failed("password", describe_issues(conf.password.errors)));
    } else {
      // Held from reading /etc/shadow to renaming the new one over it. A dry run writes
      // nothing, not even the lock file.
      std::optional<Result<ShadowLock>> lock;
      if (!options.dry_run) lock.emplace(ShadowLock::acquire(fs));
      report.groups.push_back(lock && !*lock
                                  ? failed("password", (*lock).error().message)
                                  : plan_and_apply(fs, "password", options, [&](std::string*) {
                                      return plan_password(fs, *conf.password.value, options.today);
                                    }));
    }
  }
  if (conf.network.present()) {
    report.groups.push_back(!conf.network.errors.empty()
                                ? failed("network", describe_issues(conf.network.errors))
                                : plan_and_apply(fs, "network", options, [&](std::string* detail) {
                                    return plan_network(fs, *conf.network.value, options.network_backend,
                                                        options.live, detail);
                                  }));
  }
  if (conf.dns.present()) {
    report.groups.push_back(!conf.dns.errors.empty() ? failed("dns", describe_issues(conf.dns.errors))
                                                     : plan_and_apply(fs, "dns", options, [&](std::string*) {
                                                         return plan_dns(fs, *conf.dns.value);
                                                       }));
  }
  return report;
}

}  // namespace image_agent::firstboot

// cloud_init: something must configure the instance at first boot. If cloud-init is
// installed it must be at least the policy's min_version (0.7.9, the first with the
// AliYun datasource) and its datasource_list, when set, must name one of the profile's
// `datasources`; if neither cloud-init nor image-agent's firstboot is installed, nothing
// will configure the instance. Source: seed 002 §3.3.3.
//
// With `firstboot_configures` (aliyun-customized, where firstboot configures the network
// and host name from os.conf, seed 002 §3.3.5), cloud-init must keep its hands off them:
// its stages run after firstboot at every boot and, once they find their datasource,
// render their own network (the metadata's, or their DHCP fallback) and set the host name
// and /etc/hosts from metadata (spec distros.md). firstboot keeps them off with cloud.cfg.d
// drop-ins it writes at first boot (firstboot/cloud_init.h). So where cloud-init's stages
// start at boot and /etc/cloud/cloud-init.disabled is absent, the guest's cloud.cfg and
// cloud.cfg.d are merged as cloud-init merges them, with the drop-ins firstboot's own
// planner would write on this image (none where its service does not start or it would
// refuse the group), and a result that still lets cloud-init render the network
// (network.config not "disabled"), set the host name (preserve_hostname not true) or
// rewrite /etc/hosts (manage_etc_hosts true, template or localhost) is the finding (4),
// naming the file whose setting wins: a later cloud.cfg.d file, or the stock setting
// where no drop-in will be written.

#include <algorithm>
#include <set>

#include "guest/cloud_init.h"
#include "platform/text.h"
#include "precheck/context.h"
#include "precheck/facts/cloud_init.h"
#include "precheck/facts/firstboot_plan.h"
#include "precheck/facts/services.h"
#include "precheck/facts/version.h"

namespace image_agent::precheck::checks {
namespace {

constexpr const char* kDisabledMarker = "/etc/cloud/cloud-init.disabled";

/// The drop-in firstboot would write for one group at first boot, or why it would not.
struct DropIn {
  std::string group;
  std::string path;
  std::optional<guest::CloudConfigFile> file;
  std::string why_not;
};

DropIn planned_dropin(const ItemContext& context, const ServiceStatus& firstboot, std::string group,
                      std::string path) {
  DropIn dropin{std::move(group), std::move(path), std::nullopt, ""};
  if (!firstboot.installed) {
    dropin.why_not = "image-agent firstboot is not installed";
  } else if (!firstboot.enabled || firstboot.masked) {
    dropin.why_not = "image-agent-firstboot.service does not start at boot";
  } else {
    dropin.why_not = "firstboot finds no cloud-init program, unit or init script";
    for (const FirstbootGroupOutlook& planned : firstboot_outlook(context)) {
      if (planned.group != dropin.group) continue;
      if (!planned.error.empty())
        dropin.why_not = "firstboot would refuse os.conf's " + dropin.group + " settings";
      for (const firstboot::FileChange& change : planned.files) {
        if (change.path == dropin.path) dropin.file = guest::CloudConfigFile{change.path, change.content};
      }
    }
  }
  return dropin;
}

std::string shown(std::string_view key, const std::optional<guest::Sourced<std::string>>& setting) {
  if (!setting) return std::string(key) + " not set";
  return concat({key, ": ", setting->value, " in ", setting->source});
}

/// Adds what cloud-init would do about `key` despite `dropin`, and its fix.
void add_override(const DropIn& dropin, std::string_view does, std::string_view key,
                  const std::optional<guest::Sourced<std::string>>& setting, std::string_view wanted,
                  std::vector<std::string>* findings, std::set<std::string>* advice) {
  if (dropin.file) {
    findings->push_back(concat({does, " (", shown(key, setting), ", read after ", dropin.path, ")"}));
    advice->insert(concat({"Remove ", key, " from ", setting ? setting->source : "it",
                           ", or rename it to sort before ", dropin.path, "."}));
  } else {
    findings->push_back(concat({does, " (", shown(key, setting), "; ", dropin.why_not, ", so ", dropin.path,
                                " will not be written)"}));
    advice->insert(concat({"Let firstboot write ", dropin.path, " (see the firstboot item), or set `", wanted,
                           "` in a file of /etc/cloud/cloud.cfg.d that sorts last."}));
  }
}

/// aliyun-customized: whether cloud-init would override what firstboot configured.
std::optional<Verdict> keep_off(const ItemContext& context, const CloudInit& ci,
                                std::vector<Evidence>& evidence) {
  ServiceStatus stages = service_status(
      context,
      {"cloud-init-local.service", "cloud-init.service", "cloud-config.service", "cloud-final.service"},
      "cloud-init");
  evidence.emplace_back("cloud-init stages", describe(stages));
  if (!stages.enabled || stages.masked) return std::nullopt;
  if (context.fs().exists(kDisabledMarker)) {
    evidence.emplace_back("cloud-init disabled by", kDisabledMarker);
    return std::nullopt;
  }
  ServiceStatus firstboot =
      service_status(context, {"image-agent-firstboot.service"}, "image-agent-firstboot");
  const DropIn network = planned_dropin(context, firstboot, "network", guest::kCloudInitNetworkDropIn);
  const DropIn hostname = planned_dropin(context, firstboot, "hostname", guest::kCloudInitHostnameDropIn);
  std::vector<guest::CloudConfigFile> files = ci.files;
  for (const DropIn* dropin : {&network, &hostname}) {
    evidence.emplace_back("firstboot drop-in",
                          dropin->path + (dropin->file ? " (written at first boot)"
                                                       : " (not written: " + dropin->why_not + ")"));
    if (!dropin->file) continue;
    std::erase_if(files, [&](const guest::CloudConfigFile& file) { return file.path == dropin->path; });
    files.push_back(*dropin->file);
  }
  guest::EffectiveCloudConfig merged = guest::merge_cloud_config(std::move(files));
  evidence.emplace_back("network.config", shown("network.config", merged.network_config));
  evidence.emplace_back("preserve_hostname", shown("preserve_hostname", merged.preserve_hostname));
  evidence.emplace_back("manage_etc_hosts", shown("manage_etc_hosts", merged.manage_etc_hosts));
  std::vector<std::string> findings;
  std::set<std::string> advice;
  if (!merged.network_disabled()) {
    add_override(network, "render its own network configuration", "network.config", merged.network_config,
                 "network: {config: disabled}", &findings, &advice);
  }
  if (!merged.hostname_preserved()) {
    add_override(hostname, "set the host name", "preserve_hostname", merged.preserve_hostname,
                 "preserve_hostname: true", &findings, &advice);
  }
  if (merged.etc_hosts_managed()) {
    add_override(hostname, "rewrite /etc/hosts", "manage_etc_hosts", merged.manage_etc_hosts,
                 "manage_etc_hosts: false", &findings, &advice);
  }
  if (findings.empty()) return std::nullopt;
  return problem(context, 4,
                 "cloud-init would override what firstboot configures from os.conf: it would " +
                     join(findings, "; it would "),
                 join(advice, " "), std::move(evidence));
}

Verdict check(const ItemContext& context) {
  const CloudInit& ci = cloud_init(context);
  std::vector<Evidence> evidence;
  if (!ci.installed) {
    ServiceStatus firstboot =
        service_status(context, {"image-agent-firstboot.service"}, "image-agent-firstboot");
    evidence.emplace_back("cloud-init", "not installed");
    evidence.emplace_back("image-agent firstboot", describe(firstboot));
    if (firstboot.installed) return ok("image-agent firstboot configures the instance", std::move(evidence));
    return problem(context, 1,
                   "neither cloud-init nor image-agent firstboot is installed: nothing will configure "
                   "the instance (host name, password, network, keys)",
                   "Install cloud-init (or image-agent with its firstboot service).", std::move(evidence));
  }
  evidence.emplace_back("cloud-init", ci.evidence);
  evidence.emplace_back("version",
                        ci.version.empty() ? "(unknown)" : ci.version + " (" + ci.version_source + ")");
  for (const std::string& error : ci.config.errors) evidence.emplace_back("unparsable", error);

  std::vector<std::string> minimum = context.list("min_version");
  if (!minimum.empty() && !ci.version.empty() && compare_versions(ci.version, minimum.front()) < 0) {
    return problem(context, 2, "cloud-init " + ci.version + " is older than " + minimum.front(),
                   "Upgrade cloud-init to " + minimum.front() + " or later.", std::move(evidence));
  }
  std::vector<std::string> wanted = context.list("datasources");
  if (const auto& datasources = ci.config.datasource_list) {
    evidence.emplace_back("datasource_list",
                          "[" + join(datasources->value, ", ") + "] (" + datasources->source + ")");
    bool found = wanted.empty();
    for (const std::string& name : datasources->value) {
      for (const std::string& want : wanted) found = found || lower(name) == lower(want);
    }
    if (!found) {
      return problem(
          context, 3,
          "cloud-init's datasource_list (" + datasources->source + ") lacks " + join(wanted, ", ") +
              ": it will not find this cloud's metadata",
          "Add " + wanted.front() + " to datasource_list, or remove the setting to let cloud-init detect it.",
          std::move(evidence));
    }
  } else {
    evidence.emplace_back("datasource_list", "(not set: every datasource is tried)");
  }
  if (context.flag("firstboot_configures")) {
    if (std::optional<Verdict> overridden = keep_off(context, ci, evidence)) return std::move(*overridden);
  }
  return ok(
      "cloud-init " + (ci.version.empty() ? std::string("(version unknown)") : ci.version) + " is installed",
      std::move(evidence));
}

}  // namespace

extern const Item kCloudInitItem{
    "cloud_init",
    "",
    2700,
    "cloud-init >= min_version with the profile's datasource, or image-agent firstboot; "
    "with firstboot_configures, cloud-init kept off firstboot's network and host name",
    "seed 002 §3.3.3",
    ItemKind::kSystem,
    &check};

}  // namespace image_agent::precheck::checks

// cloud_init: something must configure the instance at first boot. If cloud-init is
// installed it must be at least the policy's min_version (0.7.9, the first with the
// AliYun datasource) and its datasource_list, when set, must name one of the profile's
// `datasources`; if neither cloud-init nor image-agent's firstboot is installed, nothing
// will configure the instance. Source: seed 002 §3.3.3.

#include "precheck/facts/cloud_init.h"
#include "platform/text.h"
#include "precheck/context.h"
#include "precheck/facts/services.h"
#include "precheck/facts/version.h"

namespace image_agent::precheck::checks {
namespace {

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
  return ok(
      "cloud-init " + (ci.version.empty() ? std::string("(version unknown)") : ci.version) + " is installed",
      std::move(evidence));
}

}  // namespace

extern const Item kCloudInitItem{
    "cloud_init",
    "",
    2700,
    "cloud-init >= min_version with the profile's datasource, or image-agent firstboot",
    "seed 002 §3.3.3",
    ItemKind::kSystem,
    &check};

}  // namespace image_agent::precheck::checks

// selinux: SELINUX=enforcing in /etc/selinux/config fails: an imported image's files
// carry no labels the cloud's tools kept, and an enforcing policy then blocks logins and
// the cloud's agents. Source: image_check "security" (IC), seed 002 §3.1.1.
#include <cerrno>

#include "precheck/context.h"
#include "precheck/facts/selinux_config.h"

namespace image_agent::precheck::checks {
namespace {

constexpr const char* kConfig = "/etc/selinux/config";

Verdict check(const ItemContext& context) {
  Result<std::string> text = context.fs().read_file(kConfig);
  if (!text) {
    if (text.error().code == ENOENT)
      return ok("no /etc/selinux/config: SELinux is not configured", {{"path", kConfig}});
    return skipped("cannot read /etc/selinux/config: " + text.error().message, {{"path", kConfig}});
  }
  SelinuxConfig config = parse_selinux_config(*text);
  std::vector<Evidence> evidence{{"path", kConfig}};
  if (config.mode == SelinuxMode::kUnset) {
    evidence.emplace_back("SELINUX", "(not set)");
    return ok("/etc/selinux/config sets no SELINUX= mode", std::move(evidence));
  }
  evidence.emplace_back("SELINUX", config.value);
  evidence.emplace_back("line", std::to_string(config.line));
  if (!config.type.empty()) evidence.emplace_back("SELINUXTYPE", config.type);
  if (config.mode == SelinuxMode::kEnforcing) {
    return problem(context, 1,
                   "SELINUX=" + config.value + " in /etc/selinux/config (line " +
                       std::to_string(config.line) + "): SELinux enforces its policy at boot",
                   "Set SELINUX=disabled (or permissive) in /etc/selinux/config before capturing the image.",
                   std::move(evidence));
  }
  if (config.mode == SelinuxMode::kUnknown) {
    // libselinux treats an unknown mode as disabled, and so do we, saying so.
    return ok("SELINUX=" + config.value + " is not a mode SELinux knows: it stays disabled",
              std::move(evidence));
  }
  return ok("SELINUX=" + config.value, std::move(evidence));
}

}  // namespace

extern const Item kSelinuxItem{"selinux",
                               "security",
                               400,
                               "/etc/selinux/config must not set SELINUX=enforcing",
                               "IC, seed 002 §3.1.1",
                               ItemKind::kSystem,
                               &check};

}  // namespace image_agent::precheck::checks

// ssh: sshd must be installed and started at boot, and root must not be refused outright
// (`PermitRootLogin no`): the cloud's console and key pairs log in as root. Source:
// image_check "ssh" (IC).
#include "guest/sshd_config.h"
#include "precheck/context.h"
#include "precheck/facts/packages.h"
#include "precheck/facts/services.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  std::vector<Evidence> evidence;
  std::string sshd = find_program(context.fs(), {"sshd"});
  if (sshd.empty()) {
    return problem(context, 1, "sshd is not installed: nobody can log in over SSH",
                   "Install the OpenSSH server (openssh-server) and enable it.",
                   {{"looked for", "sshd in /usr/sbin, /usr/bin, /sbin, /bin"}});
  }
  evidence.emplace_back("sshd", sshd);
  const std::vector<std::string_view> units{"ssh.service", "sshd.service", "ssh.socket", "sshd.socket"};
  ServiceStatus service = service_status(context, units, "sshd");
  if (!service.enabled && !service.masked) {
    ServiceStatus debian = service_status(context, units, "ssh");
    if (debian.enabled) service = debian;
  }
  evidence.emplace_back("service", describe(service));
  if (!service.enabled) {
    return problem(
        context, 2,
        std::string("sshd does not start at boot (") + (service.masked ? "masked" : "not enabled") + ")",
        "Enable it: systemctl enable ssh (Debian, Ubuntu) or systemctl enable sshd; "
        "on SysV init: chkconfig sshd on / update-rc.d ssh enable.",
        std::move(evidence));
  }

  Result<guest::SshdConfig> config = guest::read_sshd_config(context.fs());
  if (!config) {
    evidence.emplace_back("sshd_config", config.error().message);
    return ok("sshd is enabled; /etc/ssh/sshd_config cannot be read, so defaults apply", std::move(evidence));
  }
  for (const std::string& path : config->unreadable) evidence.emplace_back("unreadable include", path);
  const guest::SshdSetting* root_login = config->find("permitrootlogin");
  if (root_login != nullptr) {
    evidence.emplace_back("PermitRootLogin", root_login->value + " (" + root_login->file + ":" +
                                                 std::to_string(root_login->line) + ")");
    if (root_login->value == "no") {
      return problem(context, 3,
                     "PermitRootLogin no in " + root_login->file + " line " +
                         std::to_string(root_login->line) + ": root cannot log in over SSH",
                     "Set PermitRootLogin prohibit-password (keys only) or yes, or remove the line.",
                     std::move(evidence));
    }
  } else {
    evidence.emplace_back("PermitRootLogin", "(not set: sshd's default, prohibit-password)");
  }
  auto [first, last] = config->in_match.equal_range("permitrootlogin");
  for (auto it = first; it != last; ++it) {
    evidence.emplace_back("PermitRootLogin in Match", it->second.value + " (" + it->second.file + ":" +
                                                          std::to_string(it->second.line) + ")");
  }
  return ok("sshd is installed and enabled; root may log in", std::move(evidence));
}

}  // namespace

extern const Item kSshItem{"ssh", "ssh",
                           800,   "sshd installed and enabled at boot; PermitRootLogin not 'no'",
                           "IC",  ItemKind::kSystem,
                           &check};

}  // namespace image_agent::precheck::checks

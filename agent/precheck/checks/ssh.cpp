// ssh: sshd must be installed and started at boot, and root must not be refused outright.
// Seed 002 §3.3.1, the ssh row: "enable the SSH service and do not set PermitRootLogin",
// so `PermitRootLogin no` is the finding and removing the line the fix. With the policy's
// `root_password_login` (aliyun-customized) root must also be able to log in with a
// password: firstboot sets root's password from os.conf (§3.3.5; the seed's own script
// runs `chpasswd` for root), which is useless over SSH when sshd refuses it. sshd refuses
// root's password under PermitRootLogin no, prohibit-password (without-password is its old
// name) and forced-commands-only, and with no PermitRootLogin line at all: OpenSSH's
// compiled-in default is prohibit-password since 7.0. PasswordAuthentication no refuses
// every password. Never advise prohibit-password: it shuts out that root password.
// Source: image_check "ssh" (IC), seed 002 §3.3.1, §3.3.5.
#include "guest/sshd_config.h"
#include "platform/text.h"
#include "precheck/context.h"
#include "precheck/facts/packages.h"
#include "precheck/facts/services.h"

namespace image_agent::precheck::checks {
namespace {

std::string where(const guest::SshdSetting& setting) {
  return setting.file + ":" + std::to_string(setting.line);
}

/// PermitRootLogin values under which root cannot log in with a password.
bool refuses_root_password(std::string_view value) {
  return value == "no" || value == "prohibit-password" || value == "without-password" ||
         value == "forced-commands-only";
}

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
  const guest::SshdSetting* passwords = config->find("passwordauthentication");
  // sshd compares these values case-insensitively.
  const std::string root_value = root_login != nullptr ? lower(root_login->value) : "prohibit-password";
  evidence.emplace_back("PermitRootLogin", root_login != nullptr
                                               ? root_login->value + " (" + where(*root_login) + ")"
                                               : "(not set: OpenSSH's default since 7.0, prohibit-password)");
  if (passwords != nullptr)
    evidence.emplace_back("PasswordAuthentication", passwords->value + " (" + where(*passwords) + ")");
  // Match blocks apply to some connections only: evidence, not the verdict.
  for (std::string_view keyword : {"PermitRootLogin", "PasswordAuthentication"}) {
    auto [first, last] = config->in_match.equal_range(lower(keyword));
    for (auto it = first; it != last; ++it)
      evidence.emplace_back(std::string(keyword) + " in Match",
                            it->second.value + " (" + where(it->second) + ")");
  }

  // os.conf's root password must work over SSH (aliyun-customized).
  const bool root_password = context.flag("root_password_login");
  Problems problems;
  const std::string set_yes =
      root_login != nullptr
          ? "Change it to PermitRootLogin yes in " + root_login->file + " line " +
                std::to_string(root_login->line) +
                " (not prohibit-password: it refuses the root password firstboot sets from os.conf)."
          : "Add PermitRootLogin yes to /etc/ssh/sshd_config above any Match block (not prohibit-password: "
            "it refuses the root password firstboot sets from os.conf).";
  if (root_value == "no") {
    problems.add(3,
                 "PermitRootLogin no in " + root_login->file + " line " + std::to_string(root_login->line) +
                     ": root cannot log in over SSH",
                 root_password
                     ? set_yes
                     : "Remove the PermitRootLogin line (seed 002 §3.3.1: do not set PermitRootLogin).");
  } else if (root_password && refuses_root_password(root_value)) {
    problems.add(
        4,
        (root_login != nullptr
             ? "PermitRootLogin " + root_login->value + " in " + root_login->file + " line " +
                   std::to_string(root_login->line)
             : std::string("PermitRootLogin is not set, and OpenSSH's default is prohibit-password")) +
            ": root cannot log in with a password, so the one firstboot sets from os.conf is useless over "
            "SSH",
        set_yes);
  }
  if (root_password && passwords != nullptr && lower(passwords->value) == "no") {
    problems.add(5,
                 "PasswordAuthentication no in " + passwords->file + " line " +
                     std::to_string(passwords->line) +
                     ": sshd accepts no password, os.conf's root password included",
                 "Change it to PasswordAuthentication yes in " + passwords->file + " line " +
                     std::to_string(passwords->line) + ".");
  }
  if (problems.any()) return std::move(problems).verdict(context, std::move(evidence));
  return ok(root_password ? "sshd is installed and enabled; root may log in with a password"
                          : "sshd is installed and enabled; root may log in",
            std::move(evidence));
}

}  // namespace

extern const Item kSshItem{"ssh",
                           "ssh",
                           800,
                           "sshd installed and enabled at boot; PermitRootLogin not 'no' "
                           "(root_password_login: root's password accepted)",
                           "IC, seed 002 §3.3.1, §3.3.5",
                           ItemKind::kSystem,
                           &check};

}  // namespace image_agent::precheck::checks

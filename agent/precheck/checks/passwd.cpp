// passwd: passwd and chpasswd must be installed: the cloud (and cloud-init, and our
// firstboot) set the root password with them. A login.defs that makes chpasswd hash
// with DES (8 characters kept) or MD5 is a weaker warning of its own. Source:
// image_check "password" (IC).
#include <algorithm>
#include <cctype>

#include "guest/login_defs.h"
#include "precheck/context.h"
#include "precheck/facts/packages.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  std::string passwd = find_program(context.fs(), {"passwd"});
  std::string chpasswd = find_program(context.fs(), {"chpasswd"});
  std::vector<Evidence> evidence{{"passwd", passwd.empty() ? "(missing)" : passwd},
                                 {"chpasswd", chpasswd.empty() ? "(missing)" : chpasswd}};
  if (passwd.empty()) {
    return problem(context, 1, "passwd is not installed: the root password cannot be set",
                   "Install the package with passwd (passwd on RHEL/Debian, shadow on SUSE).",
                   std::move(evidence));
  }
  if (chpasswd.empty()) {
    return problem(
        context, 2, "chpasswd is not installed: the root password cannot be set",
        "Install the package with chpasswd (shadow-utils on RHEL, passwd on Debian, shadow on SUSE).",
        std::move(evidence));
  }
  if (Result<std::string> defs = context.fs().read_file("/etc/login.defs")) {
    auto values = guest::parse_login_defs(*defs);
    if (auto it = values.find("ENCRYPT_METHOD"); it != values.end()) {
      std::string method = it->second;
      std::transform(method.begin(), method.end(), method.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      evidence.emplace_back("ENCRYPT_METHOD", it->second + " (/etc/login.defs)");
      if (method == "DES" || method == "MD5") {
        return problem_at(context, Status::kWarning, 3,
                          "/etc/login.defs sets ENCRYPT_METHOD " + it->second +
                              ": passwords set by chpasswd get a weak hash",
                          "Set ENCRYPT_METHOD SHA512 (or YESCRYPT) in /etc/login.defs.", std::move(evidence));
      }
    }
  }
  return ok("passwd and chpasswd are installed", std::move(evidence));
}

}  // namespace

extern const Item kPasswdItem{"passwd", "password",        1400,  "passwd and chpasswd present",
                              "IC",     ItemKind::kSystem, &check};

}  // namespace image_agent::precheck::checks

// empty_password: no account may have an empty password field in /etc/shadow (or in
// /etc/passwd where it holds the hash): anyone could log in as it without a password,
// on every instance. Names the accounts, never a hash. Source: security.
#include <cerrno>

#include "platform/accounts.h"
#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

std::string names(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& name : list) out += (out.empty() ? "" : ", ") + name;
  return out;
}

Verdict check(const ItemContext& context) {
  Result<AccountFile<PasswdEntry>> passwd = read_passwd(context.fs());
  if (!passwd && passwd.error().code != ENOENT)
    return skipped("cannot read /etc/passwd: " + passwd.error().message);
  Result<AccountFile<ShadowEntry>> shadow = read_shadow(context.fs());
  if (!shadow && shadow.error().code == EACCES && !context.privileged())
    return skipped("needs root: /etc/shadow is readable by root only", {{"path", "/etc/shadow"}});
  if (!shadow && shadow.error().code != ENOENT)
    return skipped("cannot read /etc/shadow: " + shadow.error().message, {{"path", "/etc/shadow"}});

  std::vector<Evidence> evidence;
  std::vector<std::string> in_shadow;
  if (shadow) {
    evidence.emplace_back("checked", "/etc/shadow");
    for (const ShadowEntry& entry : shadow->entries) {
      if (entry.hash.empty()) in_shadow.push_back(entry.name);
    }
  }
  std::vector<std::string> in_passwd;
  if (passwd) {
    evidence.emplace_back("checked", "/etc/passwd");
    for (const PasswdEntry& entry : passwd->entries) {
      if (entry.password.empty()) in_passwd.push_back(entry.name);
    }
  }
  if (!in_shadow.empty()) {
    evidence.emplace_back("accounts", names(in_shadow));
    return problem(context, 1, "accounts with an empty password in /etc/shadow: " + names(in_shadow),
                   "Lock them (passwd -l NAME) or set a password; remove accounts the image does not need.",
                   std::move(evidence));
  }
  if (!in_passwd.empty()) {
    evidence.emplace_back("accounts", names(in_passwd));
    return problem(context, 2, "accounts with an empty password field in /etc/passwd: " + names(in_passwd),
                   "Put 'x' in their password field (pwconv) and lock them (passwd -l NAME).",
                   std::move(evidence));
  }
  if (!shadow && !passwd) return skipped("neither /etc/passwd nor /etc/shadow exists");
  return ok("no account has an empty password", std::move(evidence));
}

}  // namespace

extern const Item kEmptyPasswordItem{
    "empty_password",  "",    1500, "no account with an empty shadow password field", "security",
    ItemKind::kSystem, &check};

}  // namespace image_agent::precheck::checks

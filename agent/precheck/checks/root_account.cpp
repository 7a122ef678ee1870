// root_account: /etc/passwd must have root with uid 0 and a login shell that exists in
// the image (an empty shell field means /bin/sh); the cloud logs in and sets the password
// as root. A shell that refuses logins (nologin, false) counts as none. Source:
// image_check "root account" (IC), seed 002 §3.1.1.
#include <cerrno>

#include "platform/accounts.h"
#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  Result<AccountFile<PasswdEntry>> passwd = read_passwd(context.fs());
  if (!passwd) {
    if (passwd.error().code == ENOENT) {
      return problem(context, 1, "/etc/passwd does not exist", "Restore /etc/passwd with a root entry.",
                     {{"path", "/etc/passwd"}});
    }
    return skipped("cannot read /etc/passwd: " + passwd.error().message);
  }
  const PasswdEntry* root = passwd->find("root");
  if (root == nullptr) {
    return problem(context, 2, "/etc/passwd has no root account",
                   "Add root:x:0:0:root:/root:/bin/bash to /etc/passwd.", {{"path", "/etc/passwd"}});
  }
  std::vector<Evidence> evidence{{"path", "/etc/passwd"},
                                 {"line", std::to_string(root->line)},
                                 {"uid", std::to_string(root->uid)},
                                 {"shell", root->shell.empty() ? "(empty: /bin/sh)" : root->shell}};
  if (root->uid != 0) {
    return problem(context, 3, "root has uid " + std::to_string(root->uid) + ", not 0",
                   "Give root uid 0 in /etc/passwd.", std::move(evidence));
  }
  const std::string shell = root->shell.empty() ? "/bin/sh" : root->shell;
  Result<struct stat> st = context.fs().stat(shell);
  if (!st || !S_ISREG(st->st_mode) || (st->st_mode & 0111) == 0) {
    return problem(
        context, 4, "root's shell " + shell + " does not exist in the image (or is not executable)",
        "Set root's shell to an installed one, e.g. usermod -s /bin/bash root.", std::move(evidence));
  }
  std::string_view name = std::string_view(shell).substr(shell.rfind('/') + 1);
  if (name == "nologin" || name == "false") {
    return problem(context, 5, "root's shell " + shell + " refuses every login",
                   "Set root's shell to a real shell, e.g. usermod -s /bin/bash root.", std::move(evidence));
  }
  return ok("root has uid 0 and the shell " + shell, std::move(evidence));
}

}  // namespace

extern const Item kRootAccountItem{
    "root_account",        "root account",    1300,  "root exists with uid 0 and a shell that exists",
    "IC, seed 002 §3.1.1", ItemKind::kSystem, &check};

}  // namespace image_agent::precheck::checks

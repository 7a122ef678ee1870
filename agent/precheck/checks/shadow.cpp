// shadow: /etc/shadow must be a regular file, without the immutable or append-only
// attribute (chattr +i / +a), so root can rewrite it: the cloud sets the root password
// through it at first boot. Source: image_check "shadow file authority" (IC).
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <cstdio>

#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

constexpr const char* kShadow = "/etc/shadow";

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

Verdict check(const ItemContext& context) {
  Result<struct stat> st = context.fs().stat(kShadow, Follow::kNo);
  if (!st) {
    if (st.error().code == ENOENT) {
      return problem(context, 1, "/etc/shadow does not exist: the password of root cannot be set",
                     "Create /etc/shadow (pwconv builds it from /etc/passwd).", {{"path", kShadow}});
    }
    return skipped("cannot inspect /etc/shadow: " + st.error().message);
  }
  std::vector<Evidence> evidence{{"path", kShadow}, {"mode", octal_mode(st->st_mode)}};
  if (!S_ISREG(st->st_mode)) {
    const char* what = S_ISLNK(st->st_mode)   ? "a symlink"
                       : S_ISDIR(st->st_mode) ? "a directory"
                                              : "not a file";
    return problem(context, 2, std::string("/etc/shadow is ") + what + ", not a regular file",
                   "Make /etc/shadow a regular file owned by root (mode 0640 or 0000).", std::move(evidence));
  }
  Result<UniqueFd> fd = context.fs().open_file(kShadow, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW);
  if (!fd) {
    if (fd.error().code == EACCES && !context.privileged())
      return skipped("needs root: the attributes of /etc/shadow can only be read by root",
                     std::move(evidence));
    return skipped("cannot open /etc/shadow: " + fd.error().message, std::move(evidence));
  }
  int flags = 0;
  if (::ioctl(fd->get(), FS_IOC_GETFLAGS, &flags) != 0) {
    // A file system without chattr attributes (tmpfs, some FUSE): nothing can pin the file.
    evidence.emplace_back("attributes", "not supported by the file system");
    return ok("/etc/shadow is a regular file; its file system has no immutable attribute",
              std::move(evidence));
  }
  if ((flags & FS_IMMUTABLE_FL) != 0) {
    evidence.emplace_back("attributes", "immutable");
    return problem(context, 3, "/etc/shadow is immutable (chattr +i): not even root can change a password",
                   "Run: chattr -i /etc/shadow", std::move(evidence));
  }
  if ((flags & FS_APPEND_FL) != 0) {
    evidence.emplace_back("attributes", "append-only");
    return problem(context, 4, "/etc/shadow is append-only (chattr +a): passwords cannot be rewritten",
                   "Run: chattr -a /etc/shadow", std::move(evidence));
  }
  evidence.emplace_back("attributes", "none that block writes");
  return ok("/etc/shadow is a regular file root can write", std::move(evidence));
}

}  // namespace

extern const Item kShadowItem{
    "shadow", "shadow file authority",
    300,      "/etc/shadow is a regular file, not immutable or append-only, writable by root",
    "IC",     ItemKind::kSystem,
    &check};

}  // namespace image_agent::precheck::checks

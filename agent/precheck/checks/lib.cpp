// lib: /lib and /lib64, when they are symlinks (merged /usr), must point with a relative
// target ("usr/lib"): the cloud's conversion tools mount the image elsewhere, where an
// absolute "/usr/lib" resolves to the host's libraries. Source: image_check "lib" (IC).
#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const Context& context) {
  std::vector<Evidence> evidence;
  std::string absolute;
  for (const char* path : {"/lib", "/lib64"}) {
    Result<struct stat> st = context.fs().stat(path, Follow::kNo);
    if (!st) {
      evidence.emplace_back(path, "(none)");
      continue;
    }
    if (!S_ISLNK(st->st_mode)) {
      evidence.emplace_back(path, S_ISDIR(st->st_mode) ? "directory" : "not a directory");
      continue;
    }
    Result<std::string> target = context.fs().read_link(path);
    if (!target) return skipped("cannot read the link " + std::string(path) + ": " + target.error().message);
    evidence.emplace_back(path, "-> " + *target);
    if (target->starts_with("/"))
      absolute += (absolute.empty() ? "" : ", ") + std::string(path) + " -> " + *target;
  }
  if (!absolute.empty()) {
    return problem(context, 1, "absolute symlink: " + absolute,
                   "Make the links relative, e.g.: ln -sfn usr/lib /lib; ln -sfn usr/lib64 /lib64",
                   std::move(evidence));
  }
  return ok("/lib and /lib64 are directories or relative symlinks", std::move(evidence));
}

}  // namespace

extern const Item kLibItem;
const Item kLibItem{"lib", "lib", 1900, "/lib and /lib64 symlinks are relative", "IC", &check};

}  // namespace image_agent::precheck::checks

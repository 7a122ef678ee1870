// lib: the library directories /lib, /lib64 (and the multilib /lib32, /libx32), when they
// are symlinks (merged /usr), must point with a relative target ("usr/lib") that
// resolves inside the image: the cloud's conversion tools mount the image elsewhere,
// where an absolute "/usr/lib" resolves to the host's libraries (and a dangling link
// leaves the dynamic loader nothing). Source: image_check "lib" (IC).
#include <cerrno>

#include "platform/text.h"
#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  const RootFs& fs = context.fs();
  std::vector<Evidence> evidence;
  std::vector<std::string> absolute;
  std::vector<std::string> dangling;
  for (const char* path : {"/lib", "/lib64", "/lib32", "/libx32"}) {
    Result<struct stat> st = fs.stat(path, Follow::kNo);
    if (!st) {
      if (st.error().code != ENOENT)
        return skipped("cannot inspect " + std::string(path) + ": " + st.error().message);
      continue;  // only /lib is required, and system_dirs says so
    }
    if (!S_ISLNK(st->st_mode)) {
      evidence.emplace_back(path, S_ISDIR(st->st_mode) ? "directory" : "not a directory");
      continue;
    }
    Result<std::string> target = fs.read_link(path);
    if (!target) return skipped("cannot read the link " + std::string(path) + ": " + target.error().message);
    evidence.emplace_back(path, "-> " + *target);
    if (target->starts_with("/")) {
      absolute.push_back(std::string(path) + " -> " + *target);
    } else if (Result<struct stat> resolved = fs.stat(path); !resolved || !S_ISDIR(resolved->st_mode)) {
      dangling.push_back(std::string(path) + " -> " + *target);
    }
  }
  if (!absolute.empty()) {
    return problem(context, 1, "absolute symlink: " + join(absolute, ", "),
                   "Make the links relative, e.g.: ln -sfn usr/lib /lib; ln -sfn usr/lib64 /lib64",
                   std::move(evidence));
  }
  if (!dangling.empty()) {
    return problem(context, 2, "symlink to no directory in the image: " + join(dangling, ", "),
                   "Point the links at the existing /usr directories (usr/lib, usr/lib64).",
                   std::move(evidence));
  }
  return ok("the library directories are directories or relative symlinks", std::move(evidence));
}

}  // namespace

extern const Item kLibItem{
    "lib", "lib", 1900, "/lib and /lib64 symlinks are relative", "IC", ItemKind::kSystem, &check};

}  // namespace image_agent::precheck::checks

// system_dirs: /bin, /sbin, /lib and /usr/bin must exist as directories (or links to
// them), and a merged /usr must be consistent: /bin, /sbin, /lib (and /lib64) are either
// all real directories or all links into /usr, each to its own counterpart (/sbin may
// point to usr/bin, as on Arch; /lib64 to usr/lib). Sources: seed 002 §3.1.1, seed 003.
#include <cerrno>

#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

/// "/usr/bin" for "usr/bin", "./usr/bin/", "/usr/bin" (links in "/" resolve from "/").
std::string normalized(std::string target) {
  if (!target.starts_with("/")) target = "/" + target;
  for (size_t pos; (pos = target.find("/./")) != std::string::npos;) target.erase(pos, 2);
  while (target.size() > 1 && target.back() == '/') target.pop_back();
  return target;
}

bool allowed(std::string_view link, std::string_view target) {
  if (link == "/sbin") return target == "/usr/sbin" || target == "/usr/bin";
  if (link == "/lib64") return target == "/usr/lib64" || target == "/usr/lib";
  return target == std::string("/usr") + std::string(link);
}

Verdict check(const ItemContext& context) {
  const RootFs& fs = context.fs();
  std::vector<Evidence> evidence;
  std::string missing;
  for (const char* dir : {"/bin", "/sbin", "/lib", "/usr/bin"}) {
    Result<struct stat> st = fs.stat(dir);
    if (!st || !S_ISDIR(st->st_mode)) missing += (missing.empty() ? "" : ", ") + std::string(dir);
  }
  if (!missing.empty()) {
    return problem(context, 1, "missing system directories: " + missing,
                   "Restore them from the distribution's base package (filesystem, base-files).",
                   {{"missing", missing}});
  }
  std::string wrong;
  std::string links;
  std::string dirs;
  for (const char* path : {"/bin", "/sbin", "/lib", "/lib64"}) {
    Result<struct stat> st = fs.stat(path, Follow::kNo);
    if (!st) continue;  // /lib64 is optional
    if (!S_ISLNK(st->st_mode)) {
      evidence.emplace_back(path, "directory");
      if (std::string_view(path) != "/lib64") dirs += (dirs.empty() ? "" : ", ") + std::string(path);
      continue;
    }
    Result<std::string> target = fs.read_link(path);
    if (!target) return skipped("cannot read the link " + std::string(path) + ": " + target.error().message);
    evidence.emplace_back(path, "-> " + *target);
    if (!allowed(path, normalized(*target)))
      wrong += (wrong.empty() ? "" : ", ") + std::string(path) + " -> " + *target;
    if (std::string_view(path) != "/lib64") links += (links.empty() ? "" : ", ") + std::string(path);
  }
  if (!wrong.empty()) {
    return problem(
        context, 2, "merged-/usr links point elsewhere than their /usr counterpart: " + wrong,
        "Point each link to its /usr directory (bin -> usr/bin, sbin -> usr/sbin, lib -> usr/lib).",
        std::move(evidence));
  }
  if (!links.empty() && !dirs.empty()) {
    return problem(context, 3, "half-merged /usr: " + links + " are links but " + dirs + " are directories",
                   "Finish the /usr merge (Debian: apt install usrmerge) or undo it.", std::move(evidence));
  }
  return ok(links.empty() ? "/bin, /sbin, /lib and /usr/bin are directories (unmerged /usr)"
                          : "/bin, /sbin and /lib link into /usr (merged /usr)",
            std::move(evidence));
}

}  // namespace

extern const Item kSystemDirsItem{"system_dirs",
                                  "",
                                  2000,
                                  "/bin, /sbin, /lib, /usr/bin present; merged-/usr links consistent",
                                  "seed 002 §3.1.1, seed 003",
                                  ItemKind::kSystem,
                                  &check};

}  // namespace image_agent::precheck::checks

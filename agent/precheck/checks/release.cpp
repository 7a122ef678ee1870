// release: the OS must identify itself: /etc/os-release (or /usr/lib/os-release) with an
// ID=, or a distribution's /etc/*-release file; the cloud picks drivers and its
// configuration method by OS. Source: seed 002 §3.1.1.
#include <cerrno>

#include "platform/os_release.h"
#include "platform/shell_assignments.h"
#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  const RootFs& fs = context.fs();
  std::vector<Evidence> evidence;
  for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
    Result<std::string> text = fs.read_file(path);
    if (!text) continue;
    Assignments fields = parse_shell_assignments(*text);
    if (fields.find("ID") != nullptr) {
      OsRelease release = parse_os_release(*text);
      return ok(release.pretty_name,
                {{"path", path}, {"ID", release.id}, {"VERSION_ID", release.version_id}});
    }
    evidence.emplace_back(path, "no ID=");
  }
  // Older systems: /etc/redhat-release, /etc/SuSE-release, /etc/lsb-release...
  if (Result<std::vector<DirEntry>> etc = fs.list("/etc")) {
    for (const DirEntry& entry : *etc) {
      if (!entry.name.ends_with("-release") || entry.name == "os-release") continue;
      std::string path = "/etc/" + entry.name;
      Result<struct stat> st = fs.stat(path);
      if (st && S_ISREG(st->st_mode) && st->st_size > 0) {
        evidence.emplace_back("path", path);
        return ok("identified by " + path + " (no os-release)", std::move(evidence));
      }
    }
  }
  if (!evidence.empty()) {
    return problem(context, 2, "os-release has no ID= and no /etc/*-release file names the OS",
                   "Restore /etc/os-release from the distribution's package (base-files, *-release).",
                   std::move(evidence));
  }
  return problem(context, 1, "no /etc/os-release, /usr/lib/os-release or /etc/*-release: the OS is unknown",
                 "Restore /etc/os-release from the distribution's package (base-files, *-release).",
                 {{"looked for", "/etc/os-release, /usr/lib/os-release, /etc/*-release"}});
}

}  // namespace

extern const Item kReleaseItem{
    "release",         "",    2400, "/etc/os-release or /etc/*-release identifies the OS", "seed 002 §3.1.1",
    ItemKind::kSystem, &check};

}  // namespace image_agent::precheck::checks

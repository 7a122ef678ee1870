// release: the OS must identify itself: /etc/os-release (or /usr/lib/os-release) with an
// ID=, or a distribution's /etc/*-release file; the cloud picks drivers and its
// configuration method by OS. Source: seed 002 §3.1.1.
#include "guest/identity.h"
#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  guest::GuestIdentity guest = guest::identify_guest(context.fs());
  if (guest.os_release) {
    const OsRelease& release = *guest.os_release;
    return ok(release.pretty_name,
              {{"path", guest.os_release_path}, {"ID", release.id}, {"VERSION_ID", release.version_id}});
  }
  std::vector<Evidence> evidence;
  for (const std::string& path : guest.without_id) evidence.emplace_back(path, "no ID=");
  if (!guest.release_file.empty()) {
    evidence.emplace_back("path", guest.release_file);
    if (const std::optional<OsRelease>& release = guest.from_release_file) {
      evidence.emplace_back("ID", release->id);
      evidence.emplace_back("VERSION_ID", release->version_id);
      return ok(release->pretty_name + ", identified by " + guest.release_file + " (no os-release)",
                std::move(evidence));
    }
    return ok("identified by " + guest.release_file + " (no os-release)", std::move(evidence));
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

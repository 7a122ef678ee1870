// os_supported: the OS must be in the profile's `supported` list, entries "id:version"
// matched exactly on os-release ID (no ID_LIKE fallback: a derivative is not the
// distribution the cloud certified) and on VERSION_ID by dotted prefix ("ol:8" matches
// 8 and 8.9, not 80). Guests without os-release (Oracle Linux 6, CentOS 6) are matched on
// what their /etc/*-release file says (guest/identity.h: oracle-release gives "ol" and
// "6.10"). For oci: Oracle Linux 6-9, CentOS 7, CentOS Stream 8, Ubuntu
// 18.04/20.04/22.04. Source: seed 004.
#include "guest/identity.h"
#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

bool version_matches(std::string_view wanted, std::string_view version) {
  if (wanted.empty()) return true;
  return version == wanted || (version.starts_with(wanted) && version[wanted.size()] == '.');
}

Verdict check(const ItemContext& context) {
  std::vector<std::string> supported = context.list("supported");
  const guest::GuestIdentity guest = guest::identify_guest(context.fs());
  const OsRelease* release = guest.os();
  if (release == nullptr) {
    return problem(context, 2,
                   "neither os-release nor an /etc/*-release file identifies the OS: it cannot be matched "
                   "against the supported list",
                   "Restore /etc/os-release (see the release item).",
                   {{"looked for", "/etc/os-release, /usr/lib/os-release, /etc/*-release"}});
  }
  std::string system = release->id + ":" + release->version_id;
  std::vector<Evidence> evidence{
      {"ID", release->id}, {"VERSION_ID", release->version_id}, {"from", guest.source()}};
  if (supported.empty()) return ok("the profile restricts no OS (" + system + ")", std::move(evidence));
  std::string list;
  for (const std::string& entry : supported) {
    list += (list.empty() ? "" : ", ") + entry;
    size_t colon = entry.find(':');
    std::string_view id = std::string_view(entry).substr(0, colon);
    std::string_view version =
        colon == std::string::npos ? std::string_view() : std::string_view(entry).substr(colon + 1);
    if (id == release->id && version_matches(version, release->version_id)) {
      evidence.emplace_back("matched", entry);
      return ok(release->pretty_name + " is supported (" + entry + ")", std::move(evidence));
    }
  }
  evidence.emplace_back("supported", list);
  return problem(
      context, 1, release->pretty_name + " (" + system + ") is not in the profile's supported list",
      "Use a supported OS (" + list + "), or import with a profile that accepts it.", std::move(evidence));
}

}  // namespace

extern const Item kOsSupportedItem{
    "os_supported",    "",    3500, "the OS is in the profile's supported list", "seed 004",
    ItemKind::kSystem, &check};

}  // namespace image_agent::precheck::checks

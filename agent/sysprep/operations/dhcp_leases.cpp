// dhcp-leases: a clone that finds the old lease asks for the same address and host
// name, and may keep it when the server allows, colliding with the original.
#include <array>

#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

/// A directory and the lease files in it (names starting with `prefix`, ending with one
/// of `suffixes`). Names starting with `server` are a DHCP server's lease database, which
/// is not client state (and dhcpd will not start without it): they stay.
struct LeaseDir {
  std::string_view dir;
  std::string_view prefix;
  std::array<std::string_view, 3> suffixes;
  std::string_view server = {};
};

constexpr std::array<LeaseDir, 7> kLeaseDirs{{
    {"/var/lib/dhcp", "", {".leases", ".lease", ""}, "dhcpd"},      // Debian, Ubuntu: isc dhclient
    {"/var/lib/dhclient", "", {".leases", ".lease", ""}, "dhcpd"},  // RHEL, SUSE: isc dhclient
    {"/var/lib/NetworkManager", "", {".lease", "", ""}},            // internal-*.lease, dhclient-*.lease
    {"/var/lib/dhcpcd", "", {".lease", ".lease6", ""}},
    {"/var/lib/dhcpcd5", "", {".lease", ".lease6", ""}},
    {"/var/db/dhcpcd", "", {".lease", ".lease6", ""}},
    {"/var/lib/wicked", "lease-", {".xml", "", ""}},  // SUSE wicked
}};

bool is_lease(const LeaseDir& dir, std::string_view name) {
  if (!name.starts_with(dir.prefix)) return false;
  if (!dir.server.empty() && name.starts_with(dir.server)) return false;
  for (std::string_view suffix : dir.suffixes) {
    if (!suffix.empty() && name.ends_with(suffix)) return true;
  }
  return false;
}

Plan plan(const Context& context) {
  Plan plan;
  for (const LeaseDir& dir : kLeaseDirs) {
    std::optional<Listing> listing = list_directory(context, std::string(dir.dir), plan);
    if (!listing) continue;
    for (const DirEntry& entry : listing->entries) {
      if (is_lease(dir, entry.name)) plan_remove_entry(context, join_path(dir.dir, entry.name), plan);
    }
  }
  return plan;
}

}  // namespace

const Operation kDhcpLeases{
    "dhcp-leases",
    "DHCP client leases: *.lease(s) in /var/lib/dhcp and /var/lib/dhclient (not dhcpd*), "
    "/var/lib/NetworkManager/*.lease, dhcpcd's *.lease(6), /var/lib/wicked/lease-*.xml",
    true, &plan};

}  // namespace image_agent::sysprep::ops

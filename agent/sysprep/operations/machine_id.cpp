// machine-id: clones sharing /etc/machine-id share DHCP client ids, journal file names
// and every ID derived from it. An empty /etc/machine-id (kept, not deleted: an absent
// one breaks a read-only /etc) makes systemd generate a new one at first boot. D-Bus's
// copy in /var/lib/dbus would otherwise be the old ID; a symlink to /etc/machine-id is
// already right and stays.
#include "sysprep/operations/operations.h"
#include "sysprep/text_rules.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

constexpr const char* kEtcMachineId = "/etc/machine-id";
constexpr const char* kDbusMachineId = "/var/lib/dbus/machine-id";
constexpr size_t kLimit = 4096;

Plan plan(const Context& context) {
  Plan plan;
  std::optional<std::string> id;
  std::optional<struct stat> etc = lstat_entry(context, kEtcMachineId, plan);
  if (etc && S_ISLNK(etc->st_mode)) {
    plan.errors.push_back(
        Error{std::string(kEtcMachineId) + " is a symlink: not followed; make it a regular file", ELOOP});
  } else if (etc && S_ISREG(etc->st_mode)) {
    id = read_regular(context, kEtcMachineId, kLimit, plan);
  }

  std::optional<struct stat> dbus = lstat_entry(context, kDbusMachineId, plan);
  if (dbus && S_ISREG(dbus->st_mode)) {
    std::optional<std::string> copy = read_regular(context, kDbusMachineId, kLimit, plan);
    std::string_view etc_id = id ? first_word(*id) : std::string_view();
    if (copy && !etc_id.empty() && first_word(*copy) == etc_id) {
      if (on_allowed_device(context, kDbusMachineId, *dbus, plan)) {
        plan.actions.push_back(
            make_action(context, ActionKind::kRemove, kDbusMachineId, *dbus, "a copy of /etc/machine-id"));
      }
    } else if (copy && !first_word(*copy).empty()) {
      plan.skipped.push_back({kDbusMachineId, "not a copy of /etc/machine-id: kept"});
    }
  }
  if (etc && S_ISREG(etc->st_mode)) plan_truncate(context, kEtcMachineId, *etc, plan);
  return plan;
}

}  // namespace

const Operation kMachineId{
    "machine-id",
    "/etc/machine-id (truncated to empty, kept) and /var/lib/dbus/machine-id when it is a copy of it", true,
    &plan};

}  // namespace image_agent::sysprep::ops

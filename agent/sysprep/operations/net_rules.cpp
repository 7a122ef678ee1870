// net-rules: udev's persistent-net generator pinned "eth0" to the preparing instance's
// MAC address; on a clone the NIC has another MAC and would come up as eth1, which the
// network configuration does not know.
#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

Plan plan(const Context& context) {
  Plan plan;
  plan_remove_entry(context, "/etc/udev/rules.d/70-persistent-net.rules", plan);
  return plan;
}

}  // namespace

const Operation kNetRules{"net-rules", "/etc/udev/rules.d/70-persistent-net.rules", true, &plan};

}  // namespace image_agent::sysprep::ops

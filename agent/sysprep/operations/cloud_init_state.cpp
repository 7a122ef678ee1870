// cloud-init-state: cloud-init runs its per-instance modules (SSH keys, users, host
// name) only for an instance ID it has not seen; a clone that keeps the old state may
// skip them or reuse the old instance's data. Its configuration (/etc/cloud), seeds and
// scripts stay, as `cloud-init clean` keeps them.
#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

Plan plan(const Context& context) {
  Plan plan;
  plan_remove_tree(context, "/var/lib/cloud/instances", plan);
  plan_remove_tree(context, "/var/lib/cloud/instance", plan);  // usually a symlink: removed as one
  plan_remove_contents(context, "/var/lib/cloud/sem", plan);
  plan_remove_contents(context, "/var/lib/cloud/data", plan);
  return plan;
}

}  // namespace

const Operation kCloudInitState{
    "cloud-init-state",
    "/var/lib/cloud/instances, /var/lib/cloud/instance, the contents of "
    "/var/lib/cloud/sem and /var/lib/cloud/data (not /etc/cloud, seed or scripts)",
    true, &plan};

}  // namespace image_agent::sysprep::ops

// tmp-files: temporary files of the preparing session (downloads, editor swap files,
// sockets) have no place in an image. The directories themselves stay, with their modes
// (1777).
#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

Plan plan(const Context& context) {
  Plan plan;
  plan_remove_contents(context, "/tmp", plan);
  plan_remove_contents(context, "/var/tmp", plan);
  return plan;
}

}  // namespace

const Operation kTmpFiles{"tmp-files", "everything inside /tmp and /var/tmp (the directories stay)", true,
                          &plan};

}  // namespace image_agent::sysprep::ops

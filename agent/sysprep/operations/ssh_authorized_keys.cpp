// ssh-authorized-keys (off by default): authorized_keys decide who can log in to every
// clone. Removing them can lock the owner out of an image that has no password or cloud
// key injection, so it is only done when asked for.
#include <array>

#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

constexpr std::array<std::string_view, 2> kFiles{".ssh/authorized_keys", ".ssh/authorized_keys2"};

Plan plan(const Context& context) {
  Plan plan = home_plan(context);
  for (const Home& home : context.homes()) {
    for (std::string_view file : kFiles) {
      if (std::optional<std::string> path = path_in_home(context, home, file, plan)) {
        plan_remove_entry(context, *path, plan);
      }
    }
  }
  return plan;
}

}  // namespace

const Operation kSshAuthorizedKeys{"ssh-authorized-keys",
                                   "~/.ssh/authorized_keys and authorized_keys2 of root and every home",
                                   false, &plan};

}  // namespace image_agent::sysprep::ops

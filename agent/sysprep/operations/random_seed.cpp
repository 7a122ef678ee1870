// random-seed: the saved entropy seed is credited or mixed in at boot; clones sharing
// it start from the same pool state. Each boot saves a new one.
#include <array>

#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

// systemd; Debian's sysvinit urandom script; older Red Hat scripts.
constexpr std::array<std::string_view, 3> kSeeds{"/var/lib/systemd/random-seed",
                                                 "/var/lib/urandom/random-seed", "/var/lib/random-seed"};

Plan plan(const Context& context) {
  Plan plan;
  for (std::string_view seed : kSeeds) plan_remove_entry(context, std::string(seed), plan);
  return plan;
}

}  // namespace

const Operation kRandomSeed{
    "random-seed", "/var/lib/systemd/random-seed, /var/lib/urandom/random-seed, /var/lib/random-seed", true,
    &plan};

}  // namespace image_agent::sysprep::ops

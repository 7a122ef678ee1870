// account-backups: shadow-utils leave the previous /etc/passwd, shadow, group and
// gshadow as "name-"; they hold old password hashes and removed accounts that an
// image should not carry.
#include <array>

#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

constexpr std::array<std::string_view, 4> kBackups{"/etc/passwd-", "/etc/shadow-", "/etc/group-",
                                                   "/etc/gshadow-"};

Plan plan(const Context& context) {
  Plan plan;
  for (std::string_view backup : kBackups) plan_remove_entry(context, std::string(backup), plan);
  return plan;
}

}  // namespace

const Operation kAccountBackups{"account-backups", "/etc/passwd-, /etc/shadow-, /etc/group-, /etc/gshadow-",
                                true, &plan};

}  // namespace image_agent::sysprep::ops

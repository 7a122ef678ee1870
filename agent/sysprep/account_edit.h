#pragma once

// Pure functions for the user-accounts operation: which accounts are people's, and the
// account files without them. Every line that is not dropped or edited is kept byte for
// byte, comments and malformed lines included.
#include <sys/types.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace image_agent::sysprep {

/// UID_MIN and UID_MAX from login.defs text (defaults 1000 and 60000, as shadow-utils).
struct UidRange {
  uid_t min = 1000;
  uid_t max = 60000;
  bool contains(uid_t uid) const { return uid >= min && uid <= max; }
};
UidRange parse_uid_range(std::string_view login_defs);

/// `content` of a colon-separated account file (passwd, shadow, group, gshadow, subuid)
/// without the lines whose first field is in `drop_lines`, and with the names in
/// `drop_members` taken out of the comma-separated lists in fields `member_fields`
/// (group: {3}; gshadow: {2, 3}). `changed` tells whether anything was dropped or edited.
std::string edit_account_file(std::string_view content, const std::set<std::string, std::less<>>& drop_lines,
                              const std::set<std::string, std::less<>>& drop_members,
                              const std::vector<int>& member_fields, bool* changed);

}  // namespace image_agent::sysprep

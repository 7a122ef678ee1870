#pragma once

// /etc/login.defs (shadow-utils): "NAME value" lines read by passwd, chpasswd, useradd;
// read here for every engine (precheck's passwd item, sysprep's UID range, firstboot's
// hash method).
#include <map>
#include <string>
#include <string_view>

namespace image_agent::guest {

/// NAME -> value; the last definition wins; '#' comments and blank lines are skipped.
std::map<std::string, std::string, std::less<>> parse_login_defs(std::string_view text);

}  // namespace image_agent::guest

#pragma once

// SysV init (and systemd's sysv generator, which reads the same links): a script in
// /etc/init.d starts at boot when an rc<N>.d directory holds an S<NN><script> link to it
// (update-rc.d, chkconfig). Debian keeps /etc/rc<N>.d, RHEL /etc/rc.d/rc<N>.d.
#include <string>
#include <string_view>
#include <vector>

#include "platform/root_fs.h"

namespace image_agent::guest {

/// One entry of an rc directory: "/etc/rc3.d" and "S55sshd".
struct RcLink {
  std::string dir;
  std::string name;
};

/// Pure: the S link that starts `script` in a multi-user runlevel (2-5, or S), or nullptr.
const RcLink* sysv_start_link(const std::vector<RcLink>& links, std::string_view script);

/// The entries of /etc/rc{S,2,3,4,5}.d and /etc/rc.d/rc{2,3,4,5}.d.
std::vector<RcLink> read_rc_links(const RootFs& fs);

/// The init script of `script` in /etc/init.d or /etc/rc.d/init.d, or "".
std::string find_init_script(const RootFs& fs, std::string_view script);

}  // namespace image_agent::guest

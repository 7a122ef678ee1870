#pragma once

// The guest's home directories, found as `image-agent sysprep` finds them (sysprep/
// context.cpp), so sensitive_data looks where sysprep cleans: /root, every home of
// /etc/passwd (read as a file, never NSS) and every directory under /home; one entry
// per directory; homes on another mount than / (another file system, or a bind mount of
// the same one) are left out (sysprep skips them unless --cross-mounts).
#include <string>
#include <utility>
#include <vector>

#include "platform/root_fs.h"
#include "precheck/context.h"

namespace image_agent::precheck {

struct Home {
  std::string path;  ///< guest path
  std::string user;  ///< "" for a directory under /home no account names
};

struct Homes {
  std::vector<Home> homes;
  std::vector<std::pair<std::string, std::string>> skipped;  ///< (path, why)
};

Homes find_homes(const RootFs& fs);

/// find_homes() once per run.
const Homes& homes(const Context& context);

}  // namespace image_agent::precheck

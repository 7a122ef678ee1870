#pragma once

// The os.conf file itself: where it is on this boot (given, on partition 1, or inside an
// offline tree), reading it into settings without keeping the text (it holds the root
// password), and removing it durably once every group is applied.
#include <optional>
#include <string>

#include "firstboot/locate.h"
#include "firstboot/os_conf.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

/// A found os.conf. Every access goes through `base`, so a link on partition 1 or in an
/// offline tree resolves inside that tree, never on the host.
struct OsConfFile {
  std::string path;                         ///< where it is, for messages (a host path)
  std::optional<PartitionMount> partition;  ///< partition 1, kept mounted while in use
  RootFs base;                              ///< partition 1, the --root tree, or the host root for --os-conf
  std::string inside;                       ///< os.conf's path in `base`: "/aliyun_custom_image/os.conf"
};

/// Where os.conf is for this run, or nullopt when there is none (`none` is then the line
/// to log: no partition 1, no file). `given` (--os-conf) wins; a live system looks on
/// partition 1 of the system disk, mounted privately if need be; an offline tree (`fs`
/// not the host root) in its /aliyun_custom_image and /boot/aliyun_custom_image, resolved
/// inside the tree. An error (partition 1 exists but cannot be mounted, a lookup fails
/// other than with "no such file") means os.conf may be there but unreadable.
Result<std::optional<OsConfFile>> find_os_conf(const RootFs& fs, bool live, const std::string& given,
                                               std::string* none);

/// Reads and parses os.conf, at most 64 KiB (a regular file only: a FIFO or device there
/// is an error); the text is wiped from memory once parsed. A file of zeros (a killed
/// delete_os_conf) holds no settings.
Result<OsConf> load_os_conf(const OsConfFile& file);

/// Removes os.conf and syncs its directory, so the password does not come back after a
/// crash. Its content is overwritten with zeros and synced first, so the password does not
/// stay behind in the file system's free blocks either (unless another name links to
/// the same file, which would lose its content: then the name alone goes).
Result<void> delete_os_conf(const OsConfFile& file);

/// Pure: os.conf's text without its `password=` lines, every other byte kept.
std::string without_password(std::string_view text);

/// Once the password is set but another group failed, os.conf stays for the next boot's
/// retry; the password must not. Rewrites os.conf atomically (temp file, fsync, rename;
/// owner and mode kept) without its `password=` lines. True when there was one to remove.
Result<bool> remove_password_from_os_conf(const OsConfFile& file);

}  // namespace image_agent::firstboot

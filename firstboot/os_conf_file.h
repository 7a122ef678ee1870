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

/// A found os.conf: its host path, and partition 1 kept mounted while it is in use.
struct OsConfFile {
  std::string path;
  std::optional<PartitionMount> partition;
};

/// Where os.conf is for this run, or nullopt when there is none (`none` is then the line
/// to log: no partition 1, no file). `given` (--os-conf) wins; a live system looks on
/// partition 1 of the system disk, mounted privately if need be; an offline tree (`fs`
/// not the host root) in its /aliyun_custom_image and /boot/aliyun_custom_image. An error
/// (partition 1 exists but cannot be mounted) means os.conf may be there but unreadable.
Result<std::optional<OsConfFile>> find_os_conf(const RootFs& fs, bool live, const std::string& given,
                                               std::string* none);

/// Reads and parses the os.conf at host path `path` (relative: to the working
/// directory), at most 64 KiB; the text is wiped from memory once parsed.
Result<OsConf> load_os_conf(const std::string& path);

/// Removes os.conf and syncs its directory, so the password does not come back after a
/// crash.
Result<void> delete_os_conf(const std::string& path);

/// Pure: os.conf's text without its `password=` lines, every other byte kept.
std::string without_password(std::string_view text);

/// Once the password is set but another group failed, os.conf stays for the next boot's
/// retry; the password must not. Rewrites the os.conf at host path `path` atomically
/// (temp file, fsync, rename; owner and mode kept) without its `password=` lines. True
/// when there was one to remove.
Result<bool> remove_password_from_os_conf(const std::string& path);

}  // namespace image_agent::firstboot

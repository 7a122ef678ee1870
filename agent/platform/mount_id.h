#pragma once

// Which mount a file was reached through. The device number alone cannot tell a bind
// mount of the same file system (a chroot build binding the host's /tmp, apt archives or
// a home into the root) from the root itself; the mount ID can. The kernel tells it
// through statx(STATX_MNT_ID) since Linux 5.8 and /proc/self/fdinfo since 3.15; on older
// kernels (or without /proc) neither answers and callers fall back to the device.
#include <cstdint>
#include <optional>

namespace image_agent {

/// The mount ID of the file open as `fd` (an O_PATH descriptor will do, also of a
/// symlink): statx() first, then /proc/self/fdinfo/FD. nullopt when neither tells.
std::optional<uint64_t> mount_id(int fd);

/// statx(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_MNT_ID); nullopt when the
/// kernel has no statx (ENOSYS), refuses it, or leaves STATX_MNT_ID out of stx_mask.
std::optional<uint64_t> mount_id_from_statx(int fd);

/// The "mnt_id:" line of /proc/self/fdinfo/FD; nullopt without /proc or that line.
std::optional<uint64_t> mount_id_from_fdinfo(int fd);

}  // namespace image_agent

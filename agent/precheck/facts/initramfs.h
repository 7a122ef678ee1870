#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace image_agent::precheck {

/// The largest initramfs read, and the most its archives may decompress to.
inline constexpr size_t kMaxInitramfsBytes = size_t{256} * 1024 * 1024;
inline constexpr size_t kMaxUnpackedBytes = size_t{1024} * 1024 * 1024;

/// The fixed 110-byte header of a cpio "newc" (070701) or "crc" (070702) member.
struct CpioHeader {
  uint32_t mode = 0;
  uint64_t file_size = 0;
  uint32_t name_size = 0;  ///< including the terminating NUL
};

/// Parses the header at the start of `bytes`.
Result<CpioHeader> parse_cpio_header(std::string_view bytes);

/// The member names of the cpio newc archive at the start of `bytes`, up to its
/// TRAILER!!!; `*end` gets the offset just after it.
Result<std::vector<std::string>> cpio_names(std::string_view bytes, size_t* end);

/// The file names inside an initramfs image: one or more cpio newc archives, each plain
/// or compressed with gzip, xz, zstd or lz4 (the legacy format of `lz4 -l`, the only one the
/// kernel unpacks; a frame-format lz4 image is an error), one
/// after another with zero padding between them (an early microcode archive, then the
/// main one), as the kernel unpacks them.
Result<std::vector<std::string>> initramfs_files(std::string_view image);

}  // namespace image_agent::precheck

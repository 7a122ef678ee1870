#pragma once

#include <string>
#include <string_view>

namespace image_agent::precheck {

/// Features of an ext2/3/4 file system that the cloud's import cares about, read from its
/// superblock.
struct ExtFeatures {
  bool is_ext = false;   ///< the superblock magic 0xEF53 is there
  bool bit64 = false;    ///< INCOMPAT_64BIT (0x80)
  bool project = false;  ///< RO_COMPAT_PROJECT (0x2000)
  bool quota = false;    ///< RO_COMPAT_QUOTA (0x100)
};

/// Reads the features from the first 2048 bytes of a file system (the superblock sits
/// at offset 1024: magic at +0x38, s_feature_incompat at +0x60, s_feature_ro_compat at
/// +0x64, little-endian). Not ext: is_ext false.
ExtFeatures parse_ext_superblock(std::string_view first_2048_bytes);

/// True when the bytes start with the XFS superblock magic "XFSB".
bool is_xfs_superblock(std::string_view first_bytes);

/// "64bit, project, quota": the features set, for messages.
std::string describe(const ExtFeatures& features);

}  // namespace image_agent::precheck

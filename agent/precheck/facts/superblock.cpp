// ext2/3/4 feature flags straight from the superblock (fs/ext4/ext4.h), and the XFS magic.
#include "precheck/facts/superblock.h"

#include <cstdint>

namespace image_agent::precheck {
namespace {

uint32_t le(std::string_view bytes, size_t at, size_t width) {
  uint32_t value = 0;
  for (size_t i = 0; i < width; ++i)
    value |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[at + i])) << (8 * i);
  return value;
}

constexpr size_t kSuperblock = 1024;

}  // namespace

ExtFeatures parse_ext_superblock(std::string_view bytes) {
  ExtFeatures features;
  if (bytes.size() < kSuperblock + 0x68 || le(bytes, kSuperblock + 0x38, 2) != 0xEF53) return features;
  uint32_t incompat = le(bytes, kSuperblock + 0x60, 4);
  uint32_t ro_compat = le(bytes, kSuperblock + 0x64, 4);
  features.is_ext = true;
  features.bit64 = (incompat & 0x80) != 0;
  features.project = (ro_compat & 0x2000) != 0;
  features.quota = (ro_compat & 0x100) != 0;
  return features;
}

bool is_xfs_superblock(std::string_view first_bytes) {
  return first_bytes.starts_with("XFSB");
}

std::string describe(const ExtFeatures& features) {
  std::string out;
  auto add = [&](bool set, const char* name) {
    if (set) out += (out.empty() ? "" : ", ") + std::string(name);
  };
  add(features.bit64, "64bit");
  add(features.project, "project");
  add(features.quota, "quota");
  return out.empty() ? "none of 64bit, project, quota" : out;
}

}  // namespace image_agent::precheck

// /etc/fstab: the parser (octal escapes, short lines) and what precheck asks of each
// source (bare kernel device names, their disk).
#include "fuzz_input.h"
#include "guest/fstab.h"
#include "precheck/facts/disk_probe.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  precheck::DiskLayout layout;
  layout.partitions.push_back({.number = 1, .type = "ext4", .uuid = "0b6d", .label = "root"});
  for (const guest::FstabEntry& entry : guest::parse_fstab(fuzz::text_of(data, size))) {
    if (guest::is_bare_device_name(entry.source)) guest::is_first_disk(guest::bare_device_disk(entry.source));
    precheck::is_tagged_source(entry.source);
    layout.find(entry.source);
  }
  return 0;
}

#include "precheck/facts/fstab.h"

#include <utility>

namespace image_agent::precheck {

const std::vector<guest::FstabEntry>& guest_fstab(const Context& context) {
  return context.fact<std::vector<guest::FstabEntry>>("fstab", [&] {
    Result<std::vector<guest::FstabEntry>> fstab = guest::read_fstab(context.fs());
    return fstab ? std::move(*fstab) : std::vector<guest::FstabEntry>{};
  });
}

}  // namespace image_agent::precheck

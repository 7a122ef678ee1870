#include "precheck/facts/grub.h"

namespace image_agent::precheck {

const guest::BootConfig& guest_boot_config(const Context& context) {
  return context.fact<guest::BootConfig>("boot_config",
                                         [&] { return guest::read_boot_config(context.fs()); });
}

}  // namespace image_agent::precheck

#include "precheck/facts/services.h"

namespace image_agent::precheck {

ServiceStatus service_status(const Context& context, const std::vector<std::string_view>& units,
                             std::string_view script) {
  const auto& links = context.fact<guest::BootLinks>("system.boot_links",
                                                     [&] { return guest::read_boot_links(context.fs()); });
  return guest::service_status(context.fs(), links, units, script);
}

}  // namespace image_agent::precheck

// machine_id: /etc/machine-id must be empty (or absent) in an image: clones sharing it
// share DHCP client IDs, journal names and everything derived from it; systemd makes a
// new one at first boot. `image-agent sysprep` (operation machine-id) empties it and
// removes D-Bus's copy of it. Source: peers (virt-sysprep, Packer guides).
#include <cerrno>

#include "platform/text.h"
#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

constexpr const char* kMachineId = "/etc/machine-id";

std::string_view first_word(std::string_view text) {
  text = trim(text);
  size_t end = text.find_first_of(" \t\r\n");
  return end == std::string_view::npos ? text : text.substr(0, end);
}

Verdict check(const Context& context) {
  Result<std::string> text = context.fs().read_file(kMachineId, 4096);
  if (!text) {
    if (text.error().code == ENOENT) return ok("no /etc/machine-id: systemd creates one at first boot");
    return skipped("cannot read /etc/machine-id: " + text.error().message, {{"path", kMachineId}});
  }
  std::string_view id = first_word(*text);
  // "uninitialized" is systemd's own first-boot marker (systemd >= 247).
  if (id.empty() || id == "uninitialized") return ok("/etc/machine-id is empty", {{"path", kMachineId}});
  return problem(context, 1, "/etc/machine-id holds an ID: every instance from this image would share it",
                 "Run: image-agent sysprep --operations machine-id (or truncate -s 0 /etc/machine-id).",
                 {{"path", kMachineId}});
}

}  // namespace

extern const Item kMachineIdItem;
const Item kMachineIdItem{"machine_id", "",    3200, "/etc/machine-id empty (clones would share it)",
                          "peers",      &check};

}  // namespace image_agent::precheck::checks

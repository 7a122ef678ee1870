// machine_id: /etc/machine-id must be empty (or absent) in an image: clones sharing it
// share DHCP client IDs, journal names and everything derived from it; systemd makes a
// new one at first boot. `image-agent sysprep` (operation machine-id) empties it and
// removes D-Bus's copy (/var/lib/dbus/machine-id); it refuses a symlinked
// /etc/machine-id, and so do we (a regular file is what systemd writes at boot).
// Source: peers (virt-sysprep, Packer guides).
#include <cerrno>

#include "platform/text.h"
#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

constexpr const char* kMachineId = "/etc/machine-id";
constexpr const char* kDbusMachineId = "/var/lib/dbus/machine-id";
constexpr size_t kLimit = 4096;

std::string_view first_word(std::string_view text) {
  text = trim(text);
  size_t end = text.find_first_of(" \t\r\n");
  return end == std::string_view::npos ? text : text.substr(0, end);
}

/// How D-Bus's copy stands, for the evidence: sysprep removes it when it repeats the ID.
std::string dbus_state(const RootFs& fs, std::string_view id) {
  Result<struct stat> st = fs.stat(kDbusMachineId, Follow::kNo);
  if (!st) return "none";
  if (S_ISLNK(st->st_mode)) return "a symlink (follows /etc/machine-id)";
  Result<std::string> copy = fs.read_file(kDbusMachineId, kLimit);
  if (!copy) return "unreadable";
  if (first_word(*copy).empty()) return "empty";
  return !id.empty() && first_word(*copy) == id ? "a copy of /etc/machine-id" : "its own ID";
}

Verdict check(const ItemContext& context) {
  const RootFs& fs = context.fs();
  Result<struct stat> st = fs.stat(kMachineId, Follow::kNo);
  if (!st) {
    if (st.error().code == ENOENT) return ok("no /etc/machine-id: systemd creates one at first boot");
    return skipped("cannot inspect /etc/machine-id: " + st.error().message, {{"path", kMachineId}});
  }
  std::vector<Evidence> evidence{{"path", kMachineId}};
  if (S_ISLNK(st->st_mode)) {
    Result<std::string> target = fs.read_link(kMachineId);
    evidence.emplace_back("link", target ? *target : target.error().message);
    return problem(context, 2,
                   "/etc/machine-id is a symlink: sysprep will not empty it, and systemd expects a file",
                   "Replace it with an empty regular file: rm /etc/machine-id && touch /etc/machine-id",
                   std::move(evidence));
  }
  Result<std::string> text = fs.read_file(kMachineId, kLimit);
  if (!text) return skipped("cannot read /etc/machine-id: " + text.error().message, std::move(evidence));
  std::string_view id = first_word(*text);
  // "uninitialized" is systemd's own first-boot marker (systemd >= 247).
  if (id == "uninitialized") id = {};
  evidence.emplace_back(kDbusMachineId, dbus_state(fs, id));
  if (id.empty()) return ok("/etc/machine-id is empty", std::move(evidence));
  return problem(context, 1, "/etc/machine-id holds an ID: every instance from this image would share it",
                 "Run: image-agent sysprep --operations machine-id (or truncate -s 0 /etc/machine-id).",
                 std::move(evidence));
}

}  // namespace

extern const Item kMachineIdItem{
    "machine_id",      "",    3200, "/etc/machine-id empty (clones would share it)", "peers",
    ItemKind::kSystem, &check};

}  // namespace image_agent::precheck::checks

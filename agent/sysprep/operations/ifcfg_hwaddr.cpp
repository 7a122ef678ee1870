// ifcfg-hwaddr: an ifcfg file with HWADDR= only applies to the NIC with that MAC, so on
// a clone the interface stays unconfigured. Only those lines go; the rest of the file is
// kept byte for byte (RootFs::replace_file keeps owner, mode and SELinux label).
#include <array>

#include "guest/ifcfg.h"
#include "sysprep/operations/operations.h"
#include "sysprep/text_rules.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

// RHEL and friends; SUSE.
constexpr std::array<std::string_view, 2> kDirs{guest::kRhelIfcfgDir, guest::kSuseIfcfgDir};
constexpr size_t kLimit = size_t{1} << 20;

Plan plan(const Context& context) {
  Plan plan;
  for (std::string_view dir : kDirs) {
    std::optional<Listing> listing = list_directory(context, std::string(dir), plan);
    if (!listing) continue;
    for (const DirEntry& entry : listing->entries) {
      if (!guest::is_ifcfg_name(entry.name)) continue;
      const std::string path = join_path(dir, entry.name);
      std::optional<struct stat> st = lstat_entry(context, path, plan);
      if (!st || !S_ISREG(st->st_mode)) continue;  // a symlink's target is edited under its own name
      if (!on_allowed_device(context, path, *st, plan)) continue;
      std::optional<std::string> content = read_regular(context, path, kLimit, plan);
      if (!content) continue;
      int removed = 0;
      std::string edited = remove_hwaddr_lines(*content, &removed);
      if (removed == 0) continue;
      Action action =
          make_action(context, ActionKind::kEdit, path, *st,
                      "drop " + std::to_string(removed) + " HWADDR= line" + (removed > 1 ? "s" : ""));
      action.content = std::move(edited);
      plan.actions.push_back(std::move(action));
    }
  }
  return plan;
}

}  // namespace

const Operation kIfcfgHwaddr{"ifcfg-hwaddr",
                             "HWADDR= lines in /etc/sysconfig/network-scripts/ifcfg-* and "
                             "/etc/sysconfig/network/ifcfg-* (the rest of each file is kept)",
                             true, &plan};

}  // namespace image_agent::sysprep::ops

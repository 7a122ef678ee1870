#include "firstboot/network/backend.h"
#include "firstboot/network/backends.h"

namespace image_agent::firstboot {
namespace {

struct Entry {
  std::string_view name;
  std::unique_ptr<NetworkBackend> (*make)();
};

// In detection order (detect.cpp), which is also the order --help lists them in.
constexpr Entry kBackends[] = {
    {"netplan", make_netplan_backend},       {"networkmanager", make_networkmanager_backend},
    {"networkd", make_networkd_backend},     {"ifupdown", make_ifupdown_backend},
    {"ifcfg-suse", make_ifcfg_suse_backend}, {"ifcfg-rhel", make_ifcfg_rhel_backend},
};

}  // namespace

std::unique_ptr<NetworkBackend> make_backend(std::string_view name) {
  for (const Entry& entry : kBackends) {
    if (entry.name == name) return entry.make();
  }
  return nullptr;
}

std::vector<std::string_view> backend_names() {
  std::vector<std::string_view> names;
  for (const Entry& entry : kBackends) names.push_back(entry.name);
  return names;
}

}  // namespace image_agent::firstboot

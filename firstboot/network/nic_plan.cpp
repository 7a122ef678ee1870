#include "firstboot/network/nic_plan.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace image_agent::firstboot {

bool names_nic(std::string_view name, const NicPlan& nic) {
  return !name.empty() && (name == nic.name || name == nic.nic->config_name);
}

const Nic* default_route_nic(const NetworkSettings& settings) {
  for (const Nic& nic : settings.nics) {
    if (std::any_of(nic.routes.begin(), nic.routes.end(), [](const Route& r) { return r.is_default(); })) {
      return &nic;
    }
  }
  // An os.conf without a 0.0.0.0/0 route: trust what the parser decided, if anything.
  if (settings.default_nic && *settings.default_nic >= 0 &&
      static_cast<size_t>(*settings.default_nic) < settings.nics.size()) {
    return &settings.nics[static_cast<size_t>(*settings.default_nic)];
  }
  return nullptr;
}

std::string default_gateway(const NetworkSettings& settings) {
  const Nic* nic = default_route_nic(settings);
  if (nic == nullptr) return {};
  for (const Route& route : nic->routes) {
    if (route.is_default()) return route.gateway;
  }
  return settings.default_gateway;
}

std::vector<NicPlan> plan_nics(const NetworkSettings& settings, const NicNames& names) {
  const Nic* default_nic = default_route_nic(settings);
  std::string gateway = default_gateway(settings);
  std::vector<NicPlan> plans;
  for (const Nic& nic : settings.nics) {
    NicPlan plan;
    plan.nic = &nic;
    auto named = names.by_index.find(nic.index);
    plan.name = named != names.by_index.end() ? named->second : nic.config_name;
    if (nic.mac) {
      plan.mac_upper = *nic.mac;
      std::transform(plan.mac_upper.begin(), plan.mac_upper.end(), plan.mac_upper.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    }
    plan.cidr = nic.address + "/" + std::to_string(nic.prefix);
    bool carries_default = &nic == default_nic && !gateway.empty();
    if (carries_default) plan.gateway = gateway;
    bool default_taken = false;
    for (const Route& route : nic.routes) {
      // The default route becomes the stack's "gateway" setting; a second one (which
      // validation should not let through) stays an ordinary route rather than vanish.
      if (carries_default && route.is_default() && !default_taken) {
        default_taken = true;
        continue;
      }
      plan.routes.push_back(route);
    }
    if (&nic == (default_nic != nullptr ? default_nic : &settings.nics.front())) {
      plan.nameservers = settings.nameservers;
    }
    plans.push_back(std::move(plan));
  }
  return plans;
}

std::string netmask_of(int prefix) {
  uint32_t bits = prefix <= 0 ? 0 : prefix >= 32 ? 0xffffffffU : ~((uint32_t{1} << (32 - prefix)) - 1);
  return std::to_string(bits >> 24) + "." + std::to_string((bits >> 16) & 0xff) + "." +
         std::to_string((bits >> 8) & 0xff) + "." + std::to_string(bits & 0xff);
}

std::string destination_of(const Route& route) {
  return route.destination + "/" + std::to_string(route.prefix);
}

}  // namespace image_agent::firstboot

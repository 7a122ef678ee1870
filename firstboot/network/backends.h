#pragma once

#include <memory>

#include "firstboot/network/backend.h"

namespace image_agent::firstboot {

// One factory per backend file; backend_registry.cpp lists them (an explicit registry:
// static libraries drop objects that only register themselves).

std::unique_ptr<NetworkBackend> make_netplan_backend();
std::unique_ptr<NetworkBackend> make_networkmanager_backend();
std::unique_ptr<NetworkBackend> make_networkd_backend();
std::unique_ptr<NetworkBackend> make_ifupdown_backend();
std::unique_ptr<NetworkBackend> make_ifcfg_suse_backend();
std::unique_ptr<NetworkBackend> make_ifcfg_rhel_backend();

}  // namespace image_agent::firstboot

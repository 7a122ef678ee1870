#pragma once

#include <string>

#include "firstboot/network/backend.h"
#include "firstboot/settings.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

/// The kernel name of every os.conf NIC, for the stacks that configure interfaces by name
/// (ifcfg, ifupdown, SUSE).
///
/// Live (`live`, the running system): the interface in `sysfs_class_net` (read through
/// `fs`, so tests can hand in a fake tree) whose `address` is the NIC's MAC; a MAC that no
/// interface has is an error naming it. A NIC without a MAC keeps its os.conf name.
///
/// Offline (--root, the instance has not booted yet): the os.conf name (eth0, eth1),
/// made true at boot by pin files that name the NIC with that MAC: a systemd .link file
/// when the guest has systemd-udevd, else a udev rule (see nic_names.cpp for why).
Result<NicNames> resolve_nic_names(const NetworkSettings& settings, const RootFs& fs, bool live,
                                   const std::string& sysfs_class_net = "/sys/class/net");

}  // namespace image_agent::firstboot

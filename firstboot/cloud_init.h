#pragma once

#include <string>

#include "firstboot/file_change.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

/// What keeps cloud-init off the settings group `group` configures, on a guest with
/// cloud-init (guest::find_cloud_init): cloud-init's stages run after firstboot at every
/// boot and, when they find their datasource, render the network (from metadata, or their
/// DHCP fallback) and set the host name over ours. For "network", a write of
/// guest::kCloudInitNetworkDropIn with `network: {config: disabled}`; for "hostname",
/// guest::kCloudInitHostnameDropIn with `preserve_hostname: true` and
/// `manage_etc_hosts: false` (firstboot writes /etc/hosts' 127.0.1.1 line, which
/// update_etc_hosts would rewrite whatever preserve_hostname says). Nothing for other
/// groups or without cloud-init. The change belongs to `group`'s plan, so it applies and
/// rolls back with what it protects. A file of the user's at that path is an error
/// naming it.
Result<FileChanges> plan_cloud_init_dropin(const RootFs& fs, const std::string& group);

/// The drop-in's whole content for `group` ("network" or "hostname").
std::string cloud_init_dropin(const std::string& group);

}  // namespace image_agent::firstboot

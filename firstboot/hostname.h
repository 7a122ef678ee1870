#pragma once

#include <string>

#include "firstboot/plan.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

/// The hostname group: /etc/hostname; /etc/HOSTNAME where it exists (SUSE);
/// HOSTNAME= in /etc/sysconfig/network where it is set (RHEL 6); a 127.0.1.1 line in
/// /etc/hosts so the name resolves locally; with `live`, the running kernel's host name.
Result<GroupPlan> plan_hostname(const RootFs& fs, const std::string& name, bool live);

/// /etc/hosts with `name` on the 127.0.1.1 line (replacing that line's names, or
/// appended). An FQDN also maps its first label.
std::string hosts_with_name(const std::string& hosts, const std::string& name);

}  // namespace image_agent::firstboot

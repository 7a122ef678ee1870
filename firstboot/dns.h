#pragma once

#include "firstboot/plan.h"
#include "firstboot/settings.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

/// Who owns /etc/resolv.conf in a guest, decided from the file itself.
enum class ResolverOwner { kPlainFile, kSystemdResolved, kNetworkManager, kResolvconf };

Result<ResolverOwner> detect_resolver_owner(const RootFs& fs);

/// The DNS group. A plain /etc/resolv.conf gets our name servers in place of its
/// "nameserver" lines (search/options kept). When a manager owns it, the name servers go
/// into that manager's configuration instead, since it would overwrite the file:
/// systemd-resolved: /etc/systemd/resolved.conf.d/90-image-agent.conf (DNS=);
/// NetworkManager: /etc/NetworkManager/conf.d/90-image-agent-dns.conf (global DNS);
/// resolvconf: the nameserver lines of /etc/resolvconf/resolv.conf.d/head.
Result<GroupPlan> plan_dns(const RootFs& fs, const DnsSettings& dns);

/// resolv.conf text with its nameserver lines replaced by `dns`'s, where the first was.
std::string resolv_conf_with(const std::string& current, const DnsSettings& dns);

}  // namespace image_agent::firstboot

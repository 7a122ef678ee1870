// firewall: no firewall should start at boot (firewalld, ufw, iptables/ip6tables,
// nftables, netfilter-persistent, SuSEfirewall2): the cloud's security groups filter
// traffic, and a guest firewall blocks the cloud's own agents and DHCP. ufw counts only
// when /etc/ufw/ufw.conf says ENABLED=yes (its unit is enabled either way). Source:
// image_check "firewall" (IC).
#include "platform/shell_assignments.h"
#include "precheck/context.h"
#include "precheck/facts/services.h"

namespace image_agent::precheck::checks {
namespace {

struct Firewall {
  const char* label;
  std::vector<std::string_view> units;
  const char* script;
};

Verdict check(const ItemContext& context) {
  const std::vector<Firewall> firewalls{
      {"firewalld", {"firewalld.service"}, "firewalld"},
      {"ufw", {"ufw.service"}, "ufw"},
      {"iptables", {"iptables.service"}, "iptables"},
      {"ip6tables", {"ip6tables.service"}, "ip6tables"},
      {"nftables", {"nftables.service"}, "nftables"},
      {"netfilter-persistent", {"netfilter-persistent.service"}, "netfilter-persistent"},
      {"SuSEfirewall2", {"SuSEfirewall2.service", "SuSEfirewall2_init.service"}, "SuSEfirewall2_setup"},
  };
  std::vector<Evidence> evidence;
  std::string enabled;
  for (const Firewall& firewall : firewalls) {
    ServiceStatus status = service_status(context, firewall.units, firewall.script);
    if (!status.installed && !status.enabled) continue;
    if (status.enabled && std::string_view(firewall.label) == "ufw") {
      Result<std::string> conf = context.fs().read_file("/etc/ufw/ufw.conf");
      std::string setting = conf ? parse_shell_assignments(*conf).get("ENABLED", "no") : "no";
      evidence.emplace_back("ufw.conf ENABLED", setting);
      if (setting != "yes") status.enabled = false;
    }
    evidence.emplace_back(firewall.label, describe(status));
    if (status.enabled) enabled += (enabled.empty() ? "" : ", ") + std::string(firewall.label);
  }
  if (!enabled.empty()) {
    return problem(context, 1, "a firewall starts at boot: " + enabled,
                   "Disable it (systemctl disable --now firewalld / ufw disable / systemctl disable nftables "
                   "iptables) and filter traffic with the cloud's security groups.",
                   std::move(evidence));
  }
  return ok("no firewall starts at boot", std::move(evidence));
}

}  // namespace

extern const Item kFirewallItem{
    "firewall", "firewall",        900,   "no firewalld, ufw, iptables or nftables service enabled at boot",
    "IC",       ItemKind::kSystem, &check};

}  // namespace image_agent::precheck::checks

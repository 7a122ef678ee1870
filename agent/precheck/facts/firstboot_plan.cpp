#include "precheck/facts/firstboot_plan.h"

#include "firstboot/firstboot.h"
#include "firstboot/os_conf.h"

namespace image_agent::precheck {
namespace {

// Documentation addresses (RFC 5737) and MAC (RFC 7042), in the shape of the seed's VPC
// example.
constexpr const char* kRepresentativeOsConf =
    "hostname=image-agent-precheck\n"
    "eth0_ip_addr=192.0.2.10\n"
    "eth0_mac_addr=00:00:5e:00:53:01\n"
    "eth0_netmask=255.255.255.0\n"
    "eth0_gateway=192.0.2.1\n"
    "eth0_route=\"0.0.0.0/0 192.0.2.1\"\n"
    "dns_nameserver=\"192.0.2.53 198.51.100.53\"\n";

std::vector<FirstbootGroupOutlook> plan(const RootFs& fs) {
  firstboot::OsConf conf = firstboot::parse_os_conf(kRepresentativeOsConf);
  firstboot::FirstbootOptions options;
  options.live = false;  // never the host's sysfs or host name, even on a live root
  options.dry_run = true;
  std::vector<FirstbootGroupOutlook> outlook;
  for (const firstboot::PlannedGroup& group : firstboot::plan_firstboot(fs, conf, options)) {
    if (group.plan) {
      outlook.push_back({group.group, group.detail, "", group.plan->files});
    } else {
      outlook.push_back({group.group, group.detail, group.plan.error().message, {}});
    }
  }
  return outlook;
}

}  // namespace

const std::vector<FirstbootGroupOutlook>& firstboot_outlook(const Context& context) {
  return context.fact<std::vector<FirstbootGroupOutlook>>("firstboot.outlook",
                                                          [&] { return plan(context.fs()); });
}

}  // namespace image_agent::precheck

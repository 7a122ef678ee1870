#pragma once

// What image-agent firstboot would do at the first boot of an instance made from this
// image: firstboot's own planner (firstboot/firstboot.h), run as a dry run on the checked
// root (nothing written, nothing outside the root read) with a representative os.conf as
// the cloud writes it for a VPC instance: host name, eth0's static address with its
// gateway and default route, two DNS servers. eth0's MAC is one reserved for
// documentation: the instance's MAC does not exist yet, and like it, this one is not the
// MAC of the machine the image was built on, which the stock profiles name (a profile bound
// to that MAC does not configure the instance's NIC). The password group is left out: planning it needs
// only a readable /etc/shadow, which the shadow and passwd items judge.
#include <string>
#include <vector>

#include "firstboot/file_change.h"
#include "precheck/context.h"

namespace image_agent::precheck {

/// One setting group as firstboot would handle it.
struct FirstbootGroupOutlook {
  std::string group;             ///< "hostname", "network", "dns"
  std::string detail;            ///< "backend ifcfg-rhel"
  std::string error;             ///< why firstboot would refuse the group; "" when it plans
  firstboot::FileChanges files;  ///< what the group would write, when it plans
};

/// firstboot's plan for the checked root, computed once per run.
const std::vector<FirstbootGroupOutlook>& firstboot_outlook(const Context& context);

}  // namespace image_agent::precheck

#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "firstboot/file_change.h"
#include "firstboot/network/backend.h"
#include "firstboot/settings.h"
#include "platform/result.h"

namespace image_agent::firstboot {
/// "write /etc/x" in GoogleTest's messages.
void PrintTo(const FileChange& change, std::ostream* out);
}  // namespace image_agent::firstboot

namespace image_agent::firstboot::testing {

/// One os.conf network, as the parser hands it to the backends.
struct Scenario {
  std::string name;  ///< directory name of its golden trees
  NetworkSettings settings;
};

/// Its name, for GoogleTest's messages.
void PrintTo(const Scenario& scenario, std::ostream* out);

/// The spec's VPC example (eth0 only, default route on eth0).
NetworkSettings vpc_network();
/// The spec's classic example (eth0 intranet with two routes, eth1 with the default route).
NetworkSettings classic_network();
/// VPC with three routes on eth0: the default one and two more.
NetworkSettings three_routes_network();
/// VPC whose eth0 has no MAC (matched by name).
NetworkSettings no_mac_network();
/// All of the above, named after their os.conf files in tests/data/firstboot/network/osconf/.
std::vector<Scenario> scenarios();

/// The six backends' names.
std::vector<std::string> all_backends();

/// Makes `root` look like a fresh guest of the kind that uses `backend`.
void seed_guest(const std::string& backend, const std::string& root);

/// Carries out `changes` under the host directory `root` (what the applier would do).
void apply_changes(const std::string& root, const FileChanges& changes);

/// What `backend` plans for `settings` in the guest at host directory `root`, offline
/// (--root): NIC names resolved the way firstboot does when the backend needs them.
Result<FileChanges> plan_offline(const std::string& backend, const NetworkSettings& settings,
                                 const std::string& root);

}  // namespace image_agent::firstboot::testing

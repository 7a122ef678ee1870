// cloud-credentials: access keys of cloud and container tools (seed 003 step 1: access
// credentials in configuration files). Whole directories only where the tool keeps
// nothing but credentials and state there; otherwise the one credentials file.
#include <array>

#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

// Relative to a home.
constexpr std::array<std::string_view, 3> kDirectories{".aliyun", ".oci", ".config/gcloud"};
constexpr std::array<std::string_view, 3> kFiles{".aws/credentials", ".docker/config.json", ".kube/config"};

Plan plan(const Context& context) {
  Plan plan = home_plan(context);
  for (const Home& home : context.homes()) {
    for (std::string_view dir : kDirectories) {
      // A symlinked ~/.aliyun is removed as a link; what it points to stays.
      if (std::optional<std::string> path = path_in_home(context, home, dir, plan)) {
        plan_remove_tree(context, *path, plan);
      }
    }
    for (std::string_view file : kFiles) {
      if (std::optional<std::string> path = path_in_home(context, home, file, plan)) {
        plan_remove_entry(context, *path, plan);
      }
    }
  }
  return plan;
}

}  // namespace

const Operation kCloudCredentials{"cloud-credentials",
                                  "~/.aliyun, ~/.oci, ~/.config/gcloud (whole), ~/.aws/credentials, "
                                  "~/.docker/config.json, ~/.kube/config of root and every home",
                                  true, &plan};

}  // namespace image_agent::sysprep::ops

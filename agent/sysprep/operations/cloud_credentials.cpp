// cloud-credentials: access keys and tokens of cloud and container tools (seed 003 step
// 1: access credentials in configuration files), from guest::cloud_credentials(), the list
// precheck's sensitive_data item reports from. Whole directories where the tool keeps
// nothing but credentials and its own state there; otherwise the one credentials file.
#include <string>

#include "guest/cloud_credentials.h"
#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

Plan plan(const Context& context) {
  Plan plan = home_plan(context);
  for (const Home& home : context.homes()) {
    for (const guest::CloudCredential& credential : guest::cloud_credentials()) {
      // A symlinked ~/.aws is removed as a link; what it points to stays.
      std::optional<std::string> path = path_in_home(context, home, credential.path, plan);
      if (!path) continue;
      if (credential.directory) {
        plan_remove_tree(context, *path, plan);
      } else {
        plan_remove_entry(context, *path, plan);
      }
    }
  }
  return plan;
}

}  // namespace

const Operation kCloudCredentials{"cloud-credentials",
                                  "~/.aliyun, ~/.aws, ~/.azure, ~/.config/gcloud, ~/.oci (whole), "
                                  "~/.kube/config, ~/.docker/config.json of root and every home",
                                  true, &plan};

}  // namespace image_agent::sysprep::ops

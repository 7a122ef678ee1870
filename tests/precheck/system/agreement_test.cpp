// ssh_host_keys, sensitive_data and machine_id agree with `image-agent sysprep`: on
// sysprep's own planted root they find problems, and after its operations ran they pass.
#include <gtest/gtest.h>

#include "planted_root.h"
#include "support.h"

namespace image_agent::precheck::testing {
namespace {

TEST(SysprepAgreement, ItemsPassAfterSysprep) {
  sysprep::testing::PlantedRoot planted;
  EXPECT_EQ(outcome(run_item("ssh_host_keys", planted.root())), "WARNING 3001");
  EXPECT_EQ(run_item("sensitive_data", planted.root()).status, Status::kWarning);
  EXPECT_EQ(outcome(run_item("machine_id", planted.root())), "WARNING 3201");

  sysprep::testing::run_operations(
      planted.root(), {"ssh-host-keys", "machine-id", "shell-history", "ssh-user-keys", "cloud-credentials"});

  for (const char* id : {"ssh_host_keys", "sensitive_data", "machine_id"}) {
    Verdict v = run_item(id, planted.root());
    EXPECT_EQ(outcome(v), "OK 0") << id << ": " << v.comment;
    if (std::string_view(id) != "machine_id") {
      for (const auto& [key, value] : v.evidence)
        ADD_FAILURE() << id << " still reports " << key << " " << value;
    }
  }
}

}  // namespace
}  // namespace image_agent::precheck::testing

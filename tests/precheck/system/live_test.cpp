// Every system item on this machine's own root: no crash, a valid status, and the
// shape of a verdict (a code for problems, a reason for skips).
#include <gtest/gtest.h>

#include "precheck/registry.h"
#include "support.h"

namespace image_agent::precheck::testing {
namespace {

TEST(LiveRoot, EveryItemGivesAValidVerdict) {
  for (const Item& item : system_items()) {
    for (const char* profile : {"aliyun", "aliyun-customized", "oci"}) {
      Verdict v = run_item(item.id, "/", profile);
      SCOPED_TRACE(std::string(item.id) + " in " + profile + ": " + std::string(status_name(v.status)) + " " +
                   v.comment);
      switch (v.status) {
        case Status::kOk:
          EXPECT_EQ(v.error_code, "0");
          break;
        case Status::kWarning:
        case Status::kFailed: {
          int code = std::stoi(v.error_code);
          EXPECT_GT(code, item.code_base);
          EXPECT_LT(code, item.code_base + 100);
          EXPECT_FALSE(v.comment.empty());
          EXPECT_FALSE(v.remediation.empty());
          break;
        }
        case Status::kSkipped:
          EXPECT_FALSE(v.comment.empty());
          break;
      }
    }
  }
}

}  // namespace
}  // namespace image_agent::precheck::testing

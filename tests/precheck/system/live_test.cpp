// Every system item on this machine's own root: no crash, a valid status, and the
// shape of a verdict (a code for problems, a reason for skips).
#include <gtest/gtest.h>

#include <thread>

#include "platform/root_fs.h"
#include "precheck/context.h"
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

// As the runner does: every item on its own thread, one Context, shared facts computed
// once; the verdicts are those of one item at a time.
TEST(SharedContext, ConcurrentItemsAgreeWithSequentialOnes) {
  SyntheticRoot r;
  make_good_root(r);
  r.file("/etc/ssh/ssh_host_rsa_key", "key\n", 0600).file("/etc/selinux/config", "SELINUX=enforcing\n");
  r.file("/etc/sysconfig/network-scripts/ifcfg-eth1", "BOOTPROTO=none\nIPADDR=10.0.0.5\n");
  Result<RootFs> fs = RootFs::open(r.path());
  ASSERT_TRUE(fs.ok());
  Context context(*fs, default_policy(), "aliyun", false);
  std::span<const Item> items = system_items();
  std::vector<Verdict> concurrent(items.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < items.size(); ++i) {
    threads.emplace_back([&, i] { concurrent[i] = items[i].check(ItemContext(context, items[i])); });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t i = 0; i < items.size(); ++i)
    EXPECT_EQ(outcome(concurrent[i]), outcome(run_item(items[i].id, r.path()))) << items[i].id;
  EXPECT_EQ(outcome(concurrent[1]), "FAILED 401");
}

}  // namespace
}  // namespace image_agent::precheck::testing

// The operations are the ones issue 7 names, each once, with its default.
#include <gtest/gtest.h>

#include <set>

#include "sysprep/registry.h"

namespace image_agent::sysprep {
namespace {

TEST(Registry, OperationsAreTheSpecsWithTheirDefaults) {
  // Off by default per the issue: ssh-authorized-keys and user-accounts.
  const std::vector<std::pair<std::string_view, bool>> spec{{"ssh-host-keys", true},
                                                            {"machine-id", true},
                                                            {"shell-history", true},
                                                            {"ssh-user-keys", true},
                                                            {"ssh-authorized-keys", false},
                                                            {"cloud-credentials", true},
                                                            {"logs", true},
                                                            {"dhcp-leases", true},
                                                            {"net-rules", true},
                                                            {"network-profiles", true},
                                                            {"ifcfg-hwaddr", true},
                                                            {"cloud-init-state", true},
                                                            {"account-backups", true},
                                                            {"tmp-files", true},
                                                            {"package-cache", true},
                                                            {"random-seed", true},
                                                            {"user-accounts", false}};
  ASSERT_EQ(operations().size(), spec.size());
  std::set<std::string_view> ids;
  for (size_t i = 0; i < spec.size(); ++i) {
    EXPECT_EQ(operations()[i]->id, spec[i].first);
    EXPECT_EQ(operations()[i]->default_on, spec[i].second) << spec[i].first;
    EXPECT_FALSE(operations()[i]->removes.empty()) << spec[i].first;
    EXPECT_NE(operations()[i]->plan, nullptr);
    EXPECT_TRUE(ids.insert(operations()[i]->id).second) << "duplicate " << spec[i].first;
  }
}

std::vector<std::string_view> ids(const Result<std::vector<const Operation*>>& selected) {
  std::vector<std::string_view> result;
  if (selected) {
    for (const Operation* op : *selected) result.push_back(op->id);
  }
  return result;
}

TEST(Registry, SelectionFollowsTheCommandLine) {
  auto defaults = select_operations({}, {}, {});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->size(), operations().size() - 2);
  EXPECT_EQ(ids(select_operations({"logs", "machine-id"}, {}, {})),
            (std::vector<std::string_view>{"machine-id", "logs"}))
      << "registry order, not command-line order";
  EXPECT_EQ(ids(select_operations({"user-accounts"}, {}, {})),
            std::vector<std::string_view>{"user-accounts"});
  auto enabled = select_operations({}, {"ssh-authorized-keys"}, {"logs", "tmp-files"});
  ASSERT_TRUE(enabled);
  EXPECT_EQ(enabled->size(), operations().size() - 3) << "14 defaults, one more, two fewer";
  std::vector<std::string_view> enabled_ids = ids(enabled);
  EXPECT_NE(std::find(enabled_ids.begin(), enabled_ids.end(), "ssh-authorized-keys"), enabled_ids.end());
  EXPECT_EQ(std::find(enabled_ids.begin(), enabled_ids.end(), "logs"), enabled_ids.end());

  auto unknown = select_operations({}, {}, {"frobnicate"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "unknown operation 'frobnicate'");
}

}  // namespace
}  // namespace image_agent::sysprep

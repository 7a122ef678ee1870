// Golden trees: every backend × scenario planned on a fresh guest of its kind, compared
// file by file with tests/data/firstboot/network/BACKEND/SCENARIO/. The trees were
// generated once (IMAGE_AGENT_UPDATE_GOLDEN=1) and reviewed by eye; the real tools judge
// the same output in oracle_test.cpp.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "firstboot/network/backend.h"
#include "fixtures.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

namespace fs = std::filesystem;
using image_agent::testing::TempDir;

std::map<std::string, std::string> golden_tree(const std::string& dir) {
  std::map<std::string, std::string> files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string relative = "/" + fs::relative(entry.path(), dir).string();
    files[relative] = image_agent::testing::read_file(entry.path().string());
  }
  return files;
}

class GoldenTest : public ::testing::TestWithParam<std::tuple<std::string, testing::Scenario>> {};

TEST_P(GoldenTest, PlanEqualsGoldenTree) {
  const auto& [backend, scenario] = GetParam();
  TempDir root;
  testing::seed_guest(backend, root.path());
  Result<FileChanges> plan = testing::plan_offline(backend, scenario.settings, root.path());
  ASSERT_TRUE(plan) << plan.error().message;

  std::map<std::string, std::string> planned;
  for (const FileChange& change : *plan) {
    ASSERT_EQ(change.kind, FileChange::Kind::kWrite)
        << change.path << ": a fresh guest has nothing to remove";
    EXPECT_TRUE(planned.emplace(change.path, change.content).second) << change.path << " planned twice";
  }
  std::string dir = std::string(NETWORK_TEST_DATA) + "/" + backend + "/" + scenario.name;
  if (std::getenv("IMAGE_AGENT_UPDATE_GOLDEN") != nullptr) {
    fs::remove_all(dir);
    for (const auto& [path, content] : planned) image_agent::testing::write_file(dir + path, content);
  }
  std::map<std::string, std::string> golden = golden_tree(dir);
  ASSERT_FALSE(golden.empty()) << "no golden tree at " << dir;
  for (const auto& [path, content] : golden) {
    auto it = planned.find(path);
    if (it == planned.end()) {
      ADD_FAILURE() << path << " is in the golden tree but not planned";
      continue;
    }
    EXPECT_EQ(it->second, content) << path;
  }
  for (const auto& [path, content] : planned) {
    EXPECT_TRUE(golden.count(path) != 0) << path << " is planned but not in the golden tree " << dir;
  }
}

TEST_P(GoldenTest, SecondPlanOnTheResultChangesNothing) {
  // Run-once: planning again over the applied result yields only what is already there
  // (so the applier rewrites nothing), with no complaint about our own files.
  const auto& [backend, scenario] = GetParam();
  TempDir root;
  testing::seed_guest(backend, root.path());
  Result<FileChanges> first = testing::plan_offline(backend, scenario.settings, root.path());
  ASSERT_TRUE(first) << first.error().message;
  testing::apply_changes(root.path(), *first);
  Result<FileChanges> second = testing::plan_offline(backend, scenario.settings, root.path());
  ASSERT_TRUE(second) << second.error().message;
  for (const FileChange& change : *second) {
    ASSERT_EQ(change.kind, FileChange::Kind::kWrite) << change.path;
    EXPECT_EQ(image_agent::testing::read_file(root.path() + change.path), change.content) << change.path;
  }
  for (const FileChange& change : *first) {
    EXPECT_TRUE(std::find(second->begin(), second->end(), change) != second->end() ||
                change.path == "/etc/network/interfaces")  // its `source` line is in place now
        << change.path << " is no longer planned";
  }
}

std::string test_name(const ::testing::TestParamInfo<GoldenTest::ParamType>& info) {
  // "ifcfg-rhel" + "three_routes" -> "IfcfgRhelThreeRoutes"
  std::string name;
  bool upper = true;
  for (char c : std::get<0>(info.param) + "-" + std::get<1>(info.param).name) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllBackends, GoldenTest,
                         ::testing::Combine(::testing::ValuesIn(testing::all_backends()),
                                            ::testing::ValuesIn(testing::scenarios())),
                         test_name);

}  // namespace
}  // namespace image_agent::firstboot

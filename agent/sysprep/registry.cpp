#include "sysprep/registry.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <set>

#include "sysprep/operations/operations.h"

namespace image_agent::sysprep {
namespace {

// Explicit, not self-registering: a static library drops objects nothing references.
// user-accounts runs last, after the operations that clean inside the homes it removes.
// network-profiles runs before ifcfg-hwaddr, which then also edits the profiles it restored.
const std::array<const Operation*, 17> kOperations{
    &ops::kSshHostKeys,       &ops::kMachineId,        &ops::kShellHistory, &ops::kSshUserKeys,
    &ops::kSshAuthorizedKeys, &ops::kCloudCredentials, &ops::kLogs,         &ops::kDhcpLeases,
    &ops::kNetRules,          &ops::kNetworkProfiles,  &ops::kIfcfgHwaddr,  &ops::kCloudInitState,
    &ops::kAccountBackups,    &ops::kTmpFiles,         &ops::kPackageCache, &ops::kRandomSeed,
    &ops::kUserAccounts,
};

Result<std::set<std::string_view>> known_ids(const std::vector<std::string>& ids) {
  std::set<std::string_view> result;
  for (const std::string& id : ids) {
    const Operation* operation = find_operation(id);
    if (operation == nullptr) return Error{"unknown operation '" + id + "'", EINVAL};
    result.insert(operation->id);
  }
  return result;
}

}  // namespace

std::span<const Operation* const> operations() {
  return kOperations;
}

const Operation* find_operation(std::string_view id) {
  auto it =
      std::find_if(kOperations.begin(), kOperations.end(), [&](const Operation* op) { return op->id == id; });
  return it == kOperations.end() ? nullptr : *it;
}

Result<std::vector<const Operation*>> select_operations(const std::vector<std::string>& only,
                                                        const std::vector<std::string>& enable,
                                                        const std::vector<std::string>& disable) {
  Result<std::set<std::string_view>> only_ids = known_ids(only);
  if (!only_ids) return only_ids.error();
  Result<std::set<std::string_view>> enable_ids = known_ids(enable);
  if (!enable_ids) return enable_ids.error();
  Result<std::set<std::string_view>> disable_ids = known_ids(disable);
  if (!disable_ids) return disable_ids.error();

  std::vector<const Operation*> selected;
  for (const Operation* operation : kOperations) {
    bool run = only.empty() ? operation->default_on : only_ids->count(operation->id) != 0;
    if (enable_ids->count(operation->id) != 0) run = true;
    if (disable_ids->count(operation->id) != 0) run = false;
    if (run) selected.push_back(operation);
  }
  return selected;
}

}  // namespace image_agent::sysprep

#pragma once

// The hostile os.conf corpus: the files of tests/data/hostile/osconf with the outcome
// documented for each in its EXPECTED manifest, and the big inputs the test makes at run
// time instead of checking them in (1 MiB lines, 100,000 lines, 1,000 routes).
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace image_agent::hostile {

/// What firstboot did with one setting group.
enum class GroupOutcome {
  kAbsent,   ///< no line of the file sets it (or the file was refused whole): no report
  kApplied,  ///< "GROUP: applied": its files were written
  kRefused,  ///< "GROUP: not applied: WHY": none of its files changed
};

/// The groups in the order firstboot reports them.
inline const std::vector<std::string> kGroups{"hostname", "password", "network", "dns"};

struct OsConfCase {
  std::string name;  ///< the file's name, or the generated input's
  std::function<std::string()> content;
  int exit_code = 0;
  std::vector<GroupOutcome> groups;  ///< one per kGroups
  std::string message;               ///< a substring of firstboot's stderr
  /// The plaintext root's new hash must verify when the password group applies.
  std::string password = "qwHr1234";
  /// Run under the sanitizers too (a run there costs ten times as much: a sample of each kind).
  bool sanitized = false;

  /// "InjectHostnameCmdsubst": a GoogleTest name.
  std::string test_name() const;
};

void PrintTo(const OsConfCase& c, std::ostream* out);

/// Every case: the checked-in files first, then the generated ones.
std::vector<OsConfCase> os_conf_cases();

}  // namespace image_agent::hostile

#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace image_agent::precheck {

class ItemContext;

/// An item's verdict, as the cloud's image_check reports it.
enum class Status { kOk, kWarning, kFailed, kSkipped };

/// "OK", "WARNING", "FAILED", "SKIPPED".
std::string_view status_name(Status status);

/// A fact behind a verdict: a path, a value read, a count. Never a secret's content.
using Evidence = std::pair<std::string, std::string>;

/// What one check decided.
struct Verdict {
  Status status = Status::kOk;
  /// "0" for OK; otherwise a stable code for this item and cause ("1302"): each item owns
  /// the block of 100 at its place in the spec's table, and its file lists its causes.
  std::string error_code = "0";
  /// why, for a user: "SELINUX=enforcing in /etc/selinux/config" (the report's `description`)
  std::string comment;
  std::string remediation;  ///< what to do about it; empty for OK (the report's `comment`)
  std::vector<Evidence> evidence;
};

/// What a check function returns: built with the helpers below so codes stay in the item's
/// block and the severity comes from the policy.
Verdict ok(std::string comment = {}, std::vector<Evidence> evidence = {});
/// Not decidable here (not root, no block device, ...): `why` says what is missing.
Verdict skipped(std::string why, std::vector<Evidence> evidence = {});
/// A problem of the item's severity in the run's profile (ItemContext::severity): WARNING
/// or FAILED. `cause` is 1..99, added to the item's code block.
Verdict problem(const ItemContext& context, int cause, std::string comment, std::string remediation,
                std::vector<Evidence> evidence = {});
/// A problem whose level the rule itself fixes (disk_size > 2 TiB is FAILED whatever the
/// profile says; 5-40 GiB is WARNING).
Verdict problem_at(const ItemContext& context, Status level, int cause, std::string comment,
                   std::string remediation, std::vector<Evidence> evidence = {});

/// The problems of an item that judges several things at once (sshd's root login and
/// password settings): the first one added sets the code, and the comment and the fix name
/// every one, so a user fixes them all in one pass instead of one per run.
class Problems {
 public:
  void add(int cause, std::string_view what, std::string_view fix);
  [[nodiscard]] bool any() const { return cause_ != 0; }
  /// problem() with all of them; call only when any().
  Verdict verdict(const ItemContext& context, std::vector<Evidence> evidence) &&;

 private:
  int cause_ = 0;
  std::string comment_;
  std::string remediation_;
};

/// A use rate against the item's policy: OK below `warn_percent` (default 90), WARNING
/// (cause 1) from it, FAILED (cause 2) from `fail_percent` (default 98).
Verdict percent_verdict(const ItemContext& context, double used_percent, std::string comment,
                        std::string remediation, std::vector<Evidence> evidence);

/// What an item judges, which says what it needs: the guest's files (accounts, services,
/// configuration: any tree will do), or its devices (disks, file systems, kernel, boot).
enum class ItemKind { kSystem, kDevice };

/// One compliance item (a row of the spec's table). Each is declared, in its own
/// checks/<id>.cpp, as `extern const Item kXItem{...}` in namespace precheck::checks,
/// and listed once in registry.cpp's table.
struct Item {
  std::string_view id;          ///< "selinux", as in the spec and the JSON `name`
  std::string_view cloud_name;  ///< image_check's console name ("security"), or "" if it has none
  int code_base;                ///< error codes are code_base + cause, e.g. 1300 + 2
  std::string_view rule;        ///< one line: the rule, for --list and the report's `rule`
  std::string_view source;      ///< the seed section or peer it comes from
  ItemKind kind;
  Verdict (*check)(const ItemContext& context);
};

}  // namespace image_agent::precheck

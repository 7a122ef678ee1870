#include "firstboot/plan.h"

#include <map>

#include "firstboot/diff.h"
#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

struct Backup {
  std::string path;
  std::optional<std::string> content;  // nullopt: the file did not exist
};

/// Puts back what `backups` recorded, newest first. Best effort: a failure here is
/// reported with the original error by the caller.
std::string roll_back(const RootFs& fs, const std::vector<Backup>& backups) {
  std::string problems;
  for (auto it = backups.rbegin(); it != backups.rend(); ++it) {
    Result<void> restored = it->content ? fs.replace_file(it->path, *it->content) : Result<void>();
    if (!it->content) {
      Result<bool> removed = fs.remove(it->path);
      if (!removed) restored = removed.error();
    }
    if (!restored) problems += "; rollback of " + it->path + " failed: " + restored.error().message;
  }
  return problems;
}

/// A field that holds a hash rather than a lock marker or nothing.
bool is_hash(std::string_view field) {
  return field.size() > 2;
}

}  // namespace

Result<GroupResult> apply_group(const RootFs& fs, const GroupPlan& plan) {
  GroupResult result;
  std::vector<Backup> backups;
  auto fail = [&](const std::string& what, const Error& error) -> Error {
    return Error{what + ": " + error.message + roll_back(fs, backups), error.code};
  };
  for (const FileChange& change : plan.files) {
    Result<std::optional<std::string>> current = read_if_exists(fs, change.path);
    if (!current) return fail("read " + change.path, current.error());
    const bool write = change.kind == FileChange::Kind::kWrite;
    if (write ? (*current && **current == change.content) : !*current) {
      result.unchanged.push_back(change.path);
      continue;
    }
    backups.push_back({change.path, *current});
    Result<void> done;
    if (write) {
      // Drop-in directories (resolved.conf.d, conf.d, ...) may not exist yet.
      if (std::string dir = change.path.substr(0, change.path.rfind('/')); !dir.empty())
        done = fs.make_dirs(dir);
    }
    if (write && done) {
      done = fs.replace_file(change.path, change.content, {.mode = change.mode, .uid = {}, .gid = {}});
    } else if (Result<bool> removed = fs.remove(change.path); !removed) {
      done = removed.error();
    }
    if (!done) {
      backups.pop_back();  // nothing changed there
      return fail(write ? "write " + change.path : "remove " + change.path, done.error());
    }
    result.changed.push_back(change.path);
  }
  for (const Action& action : plan.actions) {
    if (Result<void> done = action.run(); !done) return fail(action.description, done.error());
  }
  return result;
}

std::string mask_shadow_hashes(const std::string& text, const std::string* before) {
  std::map<std::string, std::string> old_hashes;
  if (before != nullptr) {
    for (std::string_view line : lines(*before)) {
      std::vector<std::string_view> f = split(line, ':');
      if (f.size() > 1) old_hashes[std::string(f[0])] = f[1];
    }
  }
  std::string out;
  for (std::string_view line : lines(text)) {
    std::vector<std::string_view> f = split(line, ':');
    if (f.size() > 1 && is_hash(f[1])) {
      auto old = old_hashes.find(std::string(f[0]));
      f[1] = before != nullptr && (old == old_hashes.end() || old->second != f[1]) ? "<new hash>" : "<hash>";
    }
    for (size_t i = 0; i < f.size(); ++i) out += std::string(i ? ":" : "") + std::string(f[i]);
    out += '\n';
  }
  if (!text.empty() && text.back() != '\n') out.pop_back();
  return out;
}

std::string render_plan(const RootFs& fs, const GroupPlan& plan) {
  std::string out;
  for (const FileChange& change : plan.files) {
    Result<std::optional<std::string>> current = read_if_exists(fs, change.path);
    if (!current) {
      out += "cannot read " + change.path + ": " + current.error().message + "\n";
      continue;
    }
    std::optional<std::string> before = *current;
    std::optional<std::string> after;
    if (change.kind == FileChange::Kind::kWrite) after = change.content;
    if (plan.redact_shadow_hashes) {
      if (after) after = mask_shadow_hashes(*after, before ? &*before : nullptr);
      if (before) before = mask_shadow_hashes(*before, nullptr);
    }
    out += unified_diff(change.path, before ? &*before : nullptr, after ? &*after : nullptr);
  }
  for (const Action& action : plan.actions) out += "action: " + action.description + "\n";
  return out;
}

}  // namespace image_agent::firstboot

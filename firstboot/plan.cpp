#include "firstboot/plan.h"

#include <map>

#include "firstboot/diff.h"
#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

struct Backup {
  std::string path;
  std::optional<std::string> content;  // nullopt: the file did not exist
  NewFileAttributes attributes;        // owner, mode and label, should it have to be recreated
};

/// Puts back what `backups` recorded, newest first. Best effort: a failure here is
/// reported with the original error by the caller.
std::string roll_back(const RootFs& fs, const std::vector<Backup>& backups) {
  std::string problems;
  for (auto it = backups.rbegin(); it != backups.rend(); ++it) {
    Result<void> restored =
        it->content ? fs.replace_file(it->path, *it->content, it->attributes) : Result<void>();
    if (!it->content) {
      // What the group created, and only that: a dangling symlink that was there stays, and
      // the file written through it goes.
      Result<bool> removed = fs.remove(it->path, Follow::kYes);
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

/// The content `change` leaves at its path (nullopt: no file), and for kCopy the
/// attributes the copy gets.
struct Target {
  std::optional<std::string> content;
  NewFileAttributes attributes;
};

Result<Target> target_of(const RootFs& fs, const FileChange& change) {
  switch (change.kind) {
    case FileChange::Kind::kWrite:
      return Target{change.content, {.mode = change.mode, .uid = {}, .gid = {}, .selinux_label = {}}};
    case FileChange::Kind::kRemove:
      return Target{};
    case FileChange::Kind::kCopy:
      break;
  }
  Result<std::string> content = fs.read_file(change.content);
  if (!content) return content.error();
  Result<NewFileAttributes> attributes = fs.attributes_of(change.content);
  if (!attributes) return attributes.error();
  return Target{std::move(*content), std::move(*attributes)};
}

/// Makes `change.path` hold `target`.
Result<void> put(const RootFs& fs, const FileChange& change, const Target& target) {
  if (!target.content) {
    Result<bool> removed = fs.remove(change.path);
    return removed ? Result<void>() : Result<void>(removed.error());
  }
  // Drop-in directories (resolved.conf.d, conf.d, ...) may not exist yet. A directory for
  // set-aside user files is root's only: they may be profiles with secrets in them.
  if (std::string dir = change.path.substr(0, change.path.rfind('/')); !dir.empty()) {
    if (Result<void> made = fs.make_dirs(dir, change.kind == FileChange::Kind::kCopy ? 0700 : 0755); !made)
      return made;
  }
  return fs.replace_file(change.path, *target.content, target.attributes);
}

/// Whether `path` no longer holds `before` (nullopt: no file). When it cannot be read, a
/// file that was there counts as changed (writing it back gives the old state either way);
/// a path that held nothing does not: rollback never removes what it has not seen.
bool changed_since(const RootFs& fs, const std::string& path, const std::optional<std::string>& before) {
  Result<std::optional<std::string>> now = read_if_exists(fs, path);
  if (!now) return before.has_value();
  return *now != before;
}

const char* verb(FileChange::Kind kind) {
  switch (kind) {
    case FileChange::Kind::kWrite:
      return "write ";
    case FileChange::Kind::kRemove:
      return "remove ";
    case FileChange::Kind::kCopy:
      break;
  }
  return "copy to ";
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
    Result<Target> target = target_of(fs, change);
    if (!target) return fail(std::string(verb(change.kind)) + change.path, target.error());
    if (*current == target->content) {
      result.unchanged.push_back(change.path);
      continue;
    }
    Backup backup{change.path, *current, {}};
    if (*current) {
      Result<NewFileAttributes> attributes = fs.attributes_of(change.path);
      if (!attributes) return fail("read the owner and mode of " + change.path, attributes.error());
      backup.attributes = std::move(*attributes);
    }
    if (Result<void> done = put(fs, change, *target); !done) {
      // A failure after the rename (the directory's fsync) leaves the new content in place:
      // the file then counts as changed and goes back with the rest of the group.
      if (changed_since(fs, change.path, backup.content)) backups.push_back(std::move(backup));
      return fail(std::string(verb(change.kind)) + change.path, done.error());
    }
    backups.push_back(std::move(backup));
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
    if (change.kind == FileChange::Kind::kCopy) {
      Result<std::string> copied = fs.read_file(change.content);
      if (!copied) {
        out += "cannot read " + change.content + ": " + copied.error().message + "\n";
        continue;
      }
      out += "copy " + change.content + " to " + change.path + " (owner, mode and SELinux label kept)\n";
      after = std::move(*copied);
    }
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

// ssh-user-keys: a private key left in ~/.ssh lets anyone with the image log in wherever
// that key is authorised, and known_hosts lists the hosts it was used on (seed 003 step
// 1: delete private keys). Keys are found by name (id_*, whatever is in them) and by
// content, so "deploy_key" counts as well as id_ed25519; public keys and config stay.
#include "sysprep/operations/operations.h"
#include "sysprep/text_rules.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

// Private keys are small; anything larger is not one (and is not read whole).
constexpr size_t kKeyLimit = size_t{1} << 20;

bool is_known_hosts(std::string_view name) {
  return name == "known_hosts" || name == "known_hosts.old" || name == "known_hosts2";
}

/// ssh-keygen's names for private keys: id_* without ".pub" (and SSH1's "identity").
/// The only way to tell for a symlink, which is never read through.
bool named_like_private_key(std::string_view name) {
  return (name.starts_with("id_") && !name.ends_with(".pub")) || name == "identity";
}

void plan_ssh_directory(const Context& context, const std::string& dir, Plan& plan) {
  std::optional<Listing> listing = list_directory(context, dir, plan);
  if (!listing) return;
  for (const DirEntry& entry : listing->entries) {
    const std::string path = join_path(dir, entry.name);
    std::optional<struct stat> st = lstat_entry(context, path, plan);
    if (!st) continue;
    if (S_ISDIR(st->st_mode)) {
      plan_ssh_directory(context, path, plan);
    } else if (is_known_hosts(entry.name) || named_like_private_key(entry.name)) {
      plan_remove_entry(context, path, plan);
    } else if (S_ISREG(st->st_mode) && on_allowed_device(context, path, *st, plan)) {
      std::optional<std::string> content = read_regular(context, path, kKeyLimit, plan);
      if (content && looks_like_private_key(*content)) {
        plan.actions.push_back(make_action(context, ActionKind::kRemove, path, *st, "private key"));
      }
    }
  }
}

Plan plan(const Context& context) {
  Plan plan = home_plan(context);
  for (const Home& home : context.homes()) plan_ssh_directory(context, join_path(home.path, ".ssh"), plan);
  return plan;
}

}  // namespace

const Operation kSshUserKeys{
    "ssh-user-keys",
    "private keys (id_* but not *.pub, identity, and any file holding a private key) and "
    "known_hosts under every ~/.ssh; public keys, config and authorized_keys stay",
    true, &plan};

}  // namespace image_agent::sysprep::ops

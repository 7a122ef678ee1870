// user-accounts (off by default): the accounts of people (UID_MIN..UID_MAX of the guest's
// login.defs) who prepared the image, with their homes and mail, should not exist on
// every clone. Off by default because an image built for one team may mean to ship them.
// System accounts and root stay; so does any home another remaining account uses.
#include <array>
#include <set>

#include "platform/accounts.h"
#include "sysprep/account_edit.h"
#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

using Names = std::set<std::string, std::less<>>;

/// An account file and the fields holding member lists.
struct EditedFile {
  std::string_view path;
  std::vector<int> member_fields;
};

constexpr size_t kLimit = size_t{64} << 20;

/// A name that is one path component of its own: no '/', not "." or "..", not empty.
bool is_one_component(std::string_view name) {
  return !name.empty() && name.find('/') == std::string_view::npos && name != "." && name != "..";
}

/// "/home/NAME": one component below /home.
bool is_under_home(std::string_view home) {
  while (home.size() > 1 && home.back() == '/') home.remove_suffix(1);
  if (!home.starts_with("/home/")) return false;
  std::string_view name = home.substr(6);
  return is_one_component(name);
}

void plan_account_file(const Context& context, const EditedFile& file, const Names& users,
                       const Names& groups, Plan& plan) {
  const std::string path(file.path);
  std::optional<struct stat> st = lstat_entry(context, path, plan);
  if (!st) return;
  if (!S_ISREG(st->st_mode)) {
    plan.skipped.push_back({path, "not a regular file: not edited"});
    return;
  }
  std::optional<std::string> content = read_regular(context, path, kLimit, plan);
  if (!content) return;
  bool changed = false;
  const bool is_group_file = !file.member_fields.empty();
  std::string edited =
      edit_account_file(*content, is_group_file ? groups : users, users, file.member_fields, &changed);
  if (!changed) return;
  Action action = make_action(context, ActionKind::kEdit, path, *st, "drop the removed accounts");
  action.content = std::move(edited);
  plan.actions.push_back(std::move(action));
}

Plan plan(const Context& context) {
  Plan plan;
  Result<AccountFile<PasswdEntry>> passwd = read_passwd(context.fs());
  if (!passwd) {
    if (passwd.error().code != ENOENT) plan.errors.push_back(passwd.error());
    return plan;
  }
  UidRange range;
  if (Result<std::string> defs = context.fs().read_file("/etc/login.defs")) range = parse_uid_range(*defs);

  std::vector<const PasswdEntry*> removed;
  Names users;
  for (const PasswdEntry& entry : passwd->entries) {
    if (range.contains(entry.uid) && entry.uid != 0) {
      // The name becomes a path below /var/mail: "../../boot/grub/grub.cfg" must not reach /boot.
      if (!is_one_component(entry.name)) {
        plan.skipped.push_back({"/etc/passwd", "account '" + entry.name +
                                                   "': a user name with '/' or a dot component is not a "
                                                   "file name: account, home and mail left alone"});
        continue;
      }
      removed.push_back(&entry);
      users.insert(entry.name);
    }
  }
  if (removed.empty()) return plan;

  // A user's private group goes with the user unless a remaining account uses it.
  std::set<gid_t> kept_gids;
  Names kept_homes;
  for (const PasswdEntry& entry : passwd->entries) {
    if (users.count(entry.name) == 0) {
      kept_gids.insert(entry.gid);
      kept_homes.insert(entry.home);
    }
  }
  Names groups;
  if (Result<image_agent::AccountFile<GroupEntry>> group = read_group(context.fs())) {
    for (const PasswdEntry* user : removed) {
      const GroupEntry* own = group->find(user->name);
      if (own != nullptr && own->gid == user->gid && kept_gids.count(own->gid) == 0) groups.insert(own->name);
    }
  }

  const std::array<EditedFile, 6> files{{{"/etc/passwd", {}},
                                         {"/etc/shadow", {}},
                                         {"/etc/group", {3}},
                                         {"/etc/gshadow", {2, 3}},
                                         {"/etc/subuid", {}},
                                         {"/etc/subgid", {}}}};
  for (const EditedFile& file : files) plan_account_file(context, file, users, groups, plan);

  std::set<std::pair<dev_t, ino_t>> planned;
  for (const PasswdEntry* user : removed) {
    // Only a home that is the user's own: directly under /home, or owned by the user (so
    // never "/" or a system directory such as /var/www) and shared with no other account.
    std::optional<struct stat> home = lstat_entry(context, user->home, plan);
    const bool own_home = is_under_home(user->home) || (home && home->st_uid == user->uid);
    if (home && own_home && user->home != "/" && kept_homes.count(user->home) == 0 &&
        planned.insert({home->st_dev, home->st_ino}).second) {
      plan_remove_tree(context, user->home, plan);
    }
    // The spool file named after the user is the user's mail, whoever owns it.
    for (std::string_view spool : {"/var/spool/mail/", "/var/mail/"}) {
      const std::string mail = std::string(spool) + user->name;
      std::optional<struct stat> st = lstat_entry(context, mail, plan);
      if (st && planned.insert({st->st_dev, st->st_ino}).second) plan_remove_entry(context, mail, plan);
    }
  }
  return plan;
}

}  // namespace

const Operation kUserAccounts{
    "user-accounts",
    "accounts with UID_MIN <= uid <= UID_MAX (login.defs) from /etc/passwd, shadow, "
    "group, gshadow, subuid, subgid; their private groups, their homes (/home/NAME or owned by them), their "
    "mail",
    false, &plan};

}  // namespace image_agent::sysprep::ops

#pragma once

#include <string>

#include "firstboot/plan.h"
#include "firstboot/secret.h"
#include "platform/result.h"
#include "platform/root_fs.h"
#include "platform/unique_fd.h"

namespace image_agent::firstboot {

/// Holds /etc/.pwd.lock of a guest the way lckpwdf(3) does (an fcntl write lock), so
/// passwd, useradd and friends running meanwhile cannot lose our change or we theirs.
class ShadowLock {
 public:
  /// Waits up to 15 seconds, like lckpwdf.
  static Result<ShadowLock> acquire(const RootFs& fs);

 private:
  explicit ShadowLock(UniqueFd fd) : fd_(std::move(fd)) {}
  UniqueFd fd_;  // closing it releases the lock
};

/// The crypt(3) prefix for the guest's ENCRYPT_METHOD in /etc/login.defs: "$y$" only when
/// it asks for YESCRYPT, "$5$" for SHA256, else "$6$" (SHA-512; also instead of the weak
/// MD5 and DES).
std::string hash_prefix_for(const std::string& login_defs);

/// crypt(3) hash of `password` with a random salt (getrandom) for `prefix`.
Result<std::string> hash_password(const Secret& password, const std::string& prefix);

/// /etc/shadow text with root's hash set to `hash` and its last-change field to
/// `today` (days since 1970-01-01); every other byte is kept.
Result<std::string> shadow_with_root_hash(const std::string& shadow, const std::string& hash, long today);

/// True when root's hash in `shadow` is a crypt(3) hash of `password`.
bool root_hash_matches(const std::string& shadow, const Secret& password);

/// The password group: /etc/shadow- backup of the current file (a new backup gets the
/// owner, mode and SELinux label of /etc/shadow), then /etc/shadow with the new root hash
/// (owner, mode, SELinux label kept by RootFs::replace_file).
/// Nothing to do when root's current hash already verifies `password`.
/// Take a ShadowLock before planning and hold it until applied.
Result<GroupPlan> plan_password(const RootFs& fs, const Secret& password, long today);

}  // namespace image_agent::firstboot

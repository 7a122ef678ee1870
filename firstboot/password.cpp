#include "firstboot/password.h"

#include <crypt.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <memory>
#include <thread>

#include "firstboot/validate.h"
#include "guest/login_defs.h"
#include "platform/text.h"

namespace image_agent::firstboot {

static_assert(kMaxPasswordBytes + 1 == CRYPT_MAX_PASSPHRASE_SIZE, "decode_password's limit is libcrypt's");

Result<ShadowLock> ShadowLock::acquire(const RootFs& fs) {
  Result<UniqueFd> fd = fs.open_file("/etc/.pwd.lock", O_WRONLY | O_CREAT, 0600);
  if (!fd) return fd.error();
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  for (int attempt = 0;; ++attempt) {
    if (::fcntl(fd->get(), F_SETLK, &lock) == 0) return ShadowLock(std::move(*fd));
    if ((errno != EACCES && errno != EAGAIN) || attempt == 150)
      return Error::from_errno("lock /etc/.pwd.lock");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::string hash_prefix_for(const std::string& login_defs) {
  auto values = guest::parse_login_defs(login_defs);
  auto found = values.find("ENCRYPT_METHOD");
  std::string_view value = found == values.end() ? std::string_view() : std::string_view(found->second);
  std::string_view method = value.substr(0, value.find_first_of(" \t#"));
  if (method == "YESCRYPT") return "$y$";
  if (method == "SHA256") return "$5$";
  return "$6$";
}

Result<std::string> hash_password(const Secret& password, const std::string& prefix) {
  char random[32];
  if (::getrandom(random, sizeof random, 0) != static_cast<ssize_t>(sizeof random)) {
    return Error::from_errno("getrandom for the salt");
  }
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  const char* made = crypt_gensalt_rn(prefix.c_str(), 0, random, sizeof random, setting, sizeof setting);
  explicit_bzero(random, sizeof random);
  if (made == nullptr) return Error::from_errno("crypt_gensalt for " + prefix);

  // crypt_data is large and holds intermediate state of the secret: heap, wiped after.
  auto data = std::make_unique<crypt_data>();
  const char* hash = crypt_r(password.c_str(), setting, data.get());
  std::string result = hash != nullptr && hash[0] != '*' ? hash : "";
  explicit_bzero(data.get(), sizeof(crypt_data));
  if (result.empty()) return Error{"crypt failed for method " + prefix, EINVAL};
  return result;
}

Result<std::string> shadow_with_root_hash(const std::string& shadow, const std::string& hash, long today) {
  std::string out;
  bool found = false;
  for (std::string_view view : lines(shadow)) {
    std::string line(view);
    if (line.compare(0, 5, "root:") == 0 && !found) {
      size_t hash_end = line.find(':', 5);
      size_t change_end = hash_end == std::string::npos ? std::string::npos : line.find(':', hash_end + 1);
      if (change_end == std::string::npos) return Error{"/etc/shadow: root's line is malformed", EINVAL};
      line = "root:" + hash + ":" + std::to_string(today) + line.substr(change_end);
      found = true;
    }
    out += line + '\n';
  }
  if (!shadow.empty() && shadow.back() != '\n') out.pop_back();  // keep a missing final newline missing
  if (!found) return Error{"/etc/shadow has no root entry", ENOENT};
  return out;
}

bool root_hash_matches(const std::string& shadow, const Secret& password) {
  if (shadow.compare(0, 5, "root:") != 0 && shadow.find("\nroot:") == std::string::npos) return false;
  size_t start = shadow.compare(0, 5, "root:") == 0 ? 5 : shadow.find("\nroot:") + 6;
  std::string hash = shadow.substr(start, shadow.find(':', start) - start);
  if (hash.size() < 3 || hash[0] != '$') return false;
  auto data = std::make_unique<crypt_data>();
  const char* computed = crypt_r(password.c_str(), hash.c_str(), data.get());
  const bool same = computed != nullptr && hash == computed;
  explicit_bzero(data.get(), sizeof(crypt_data));
  return same;
}

Result<GroupPlan> plan_password(const RootFs& fs, const Secret& password, long today) {
  Result<std::string> shadow = fs.read_file("/etc/shadow");
  if (!shadow) return shadow.error();
  GroupPlan plan;
  plan.group = "password";
  plan.redact_shadow_hashes = true;
  // Already root's password (os.conf applied before): a new salt would rewrite
  // /etc/shadow on every run for nothing.
  if (root_hash_matches(*shadow, password)) return plan;

  Result<std::optional<std::string>> login_defs = read_if_exists(fs, "/etc/login.defs");
  if (!login_defs) return login_defs.error();
  const std::string prefix = hash_prefix_for(login_defs->value_or(""));
  Result<std::string> hash = hash_password(password, prefix);
  if (!hash) return hash.error();
  Result<std::string> updated = shadow_with_root_hash(*shadow, *hash, today);
  if (!updated) return updated.error();

  // The backup holds every account's hash as it was: a copy of /etc/shadow with its owner,
  // mode and SELinux label (root:shadow 0640 on Debian, 0000 on RHEL, as shadow's own
  // tools make it), never a file more open than /etc/shadow. The lock held since reading
  // keeps the copied content the content read here.
  plan.files.push_back({FileChange::Kind::kCopy, "/etc/shadow-", "/etc/shadow", 0});
  plan.files.push_back({FileChange::Kind::kWrite, "/etc/shadow", std::move(*updated), 0600});
  return plan;
}

}  // namespace image_agent::firstboot

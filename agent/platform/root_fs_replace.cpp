// RootFs::replace_file: the atomic write every change to a guest goes through.
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <optional>
#include <vector>

#include "platform/root_fs.h"

namespace image_agent {
namespace {

constexpr const char* kSelinuxXattr = "security.selinux";

struct OldFile {
  struct stat st {};
  std::optional<std::string> selinux_label;
};

/// The SELinux label of an open file; nullopt when it has none or the file system
/// cannot hold one.
Result<std::optional<std::string>> read_label(int fd) {
  std::string label(256, '\0');
  for (;;) {
    ssize_t n = ::fgetxattr(fd, kSelinuxXattr, label.data(), label.size());
    if (n >= 0) {
      label.resize(static_cast<size_t>(n));
      return std::optional<std::string>(std::move(label));
    }
    if (errno == ENODATA || errno == ENOTSUP) return std::optional<std::string>();
    if (errno != ERANGE) return Error::from_errno("read SELinux label");
    label.resize(label.size() * 4);
  }
}

Result<void> write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error::from_errno("write");
    data.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

constexpr std::string_view kTempInfix = ".image-agent-";
constexpr size_t kTempSuffixDigits = 8;

/// Whether `entry` is exactly a name create_temp() gives a temp file of `name`:
/// ".NAME.image-agent-" and eight lower-case hex digits.
bool is_temp_of(std::string_view entry, const std::string& name) {
  const size_t prefix = 1 + name.size() + kTempInfix.size();
  if (entry.size() != prefix + kTempSuffixDigits || entry[0] != '.' || entry.substr(1, name.size()) != name ||
      entry.substr(1 + name.size(), kTempInfix.size()) != kTempInfix)
    return false;
  return std::all_of(entry.begin() + static_cast<std::ptrdiff_t>(prefix), entry.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// Removes `entry` if it is a temp file nobody is writing: a regular file (never a link
/// or anything else), with one name, owned by us or by `owner` (the temp gets the final
/// file's owner before it is renamed), whose flock nobody holds. A writer holds that lock
/// from creating its temp file until the rename, so only a killed writer's file is taken.
void remove_if_stale(int dir, const std::string& entry, std::optional<uid_t> owner) {
  struct stat st {};
  if (::fstatat(dir, entry.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
      st.st_nlink != 1 || (st.st_uid != ::geteuid() && st.st_uid != owner))
    return;
  int fd = ::openat(dir, entry.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return;
  UniqueFd file(fd);
  struct stat opened {};
  if (::fstat(fd, &opened) != 0 || opened.st_dev != st.st_dev || opened.st_ino != st.st_ino) return;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) return;  // a live writer's, or cannot tell
  ::unlinkat(dir, entry.c_str(), 0);
}

/// A run killed between creating its temp file and renaming it leaves the temp behind
/// (for /etc/shadow, with the new hash in it), and nothing else would ever remove it:
/// every write of `name` first removes what such runs left beside it. The next run
/// writes the file whose temp was left (its rename never happened), so no temp of ours
/// outlives the run after a crash.
void remove_stale_temps(int dir, const std::string& name, std::optional<uid_t> owner) {
  int fd = ::openat(dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  DIR* listing = ::fdopendir(fd);
  if (listing == nullptr) {
    ::close(fd);
    return;
  }
  std::vector<std::string> stale;
  while (const dirent* e = ::readdir(listing)) {
    if (is_temp_of(e->d_name, name)) stale.emplace_back(e->d_name);
  }
  ::closedir(listing);
  for (const std::string& entry : stale) remove_if_stale(dir, entry, owner);
}

/// Creates ".NAME.image-agent-XXXXXXXX" next to NAME, mode 0600 until it is complete, and
/// holds its flock until the caller closes it (see remove_if_stale).
Result<std::pair<UniqueFd, std::string>> create_temp(int dir, const std::string& name) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    unsigned int random = 0;
    if (::getrandom(&random, sizeof random, GRND_NONBLOCK) != sizeof random) {
      random = static_cast<unsigned>(::getpid()) * 2654435761U + static_cast<unsigned>(attempt);
    }
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%08x", random);
    std::string temp = "." + name + ".image-agent-" + suffix;
    int fd = ::openat(dir, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::flock(fd, LOCK_EX | LOCK_NB);  // a fresh file: nobody else holds it; best effort
      return std::pair{UniqueFd(fd), std::move(temp)};
    }
    if (errno != EEXIST) return Error::from_errno("create temporary file");
  }
  return Error{"create temporary file: no free name", EEXIST};
}

/// Gives the temp file its final owner, mode and label, in that order: chown clears
/// set-id bits, so the mode comes after it.
Result<void> apply_attributes(int fd, const std::optional<OldFile>& old, const NewFileAttributes& fresh) {
  uid_t uid = old ? old->st.st_uid : fresh.uid.value_or(static_cast<uid_t>(-1));
  gid_t gid = old ? old->st.st_gid : fresh.gid.value_or(static_cast<gid_t>(-1));
  if ((uid != static_cast<uid_t>(-1) || gid != static_cast<gid_t>(-1)) && ::fchown(fd, uid, gid) != 0) {
    return Error::from_errno("set owner");
  }
  mode_t mode = old ? (old->st.st_mode & 07777) : fresh.mode;
  if (::fchmod(fd, mode) != 0) return Error::from_errno("set mode");
  const std::optional<std::string>& wanted_label = old ? old->selinux_label : fresh.selinux_label;
  if (wanted_label) {
    const std::string& label = *wanted_label;
    if (::fsetxattr(fd, kSelinuxXattr, label.data(), label.size(), 0) != 0) {
      return Error::from_errno("set SELinux label");
    }
  }
  return {};
}

}  // namespace

Result<NewFileAttributes> RootFs::attributes_of(std::string_view path) const {
  // Only a regular file is opened for reading: a device node's open may act on the device.
  Result<struct stat> where = stat(path);
  if (!where) return where.error();
  if (!S_ISREG(where->st_mode)) return Error{guest_path(path) + ": not a regular file", EINVAL};
  Result<UniqueFd> fd = open_file(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (!fd) return fd.error();
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return Error::from_errno("stat " + guest_path(path));
  if (!S_ISREG(st.st_mode)) return Error{guest_path(path) + ": replaced while being read", EAGAIN};
  Result<std::optional<std::string>> label = read_label(fd->get());
  if (!label) return Error{guest_path(path) + ": " + label.error().message, label.error().code};
  return NewFileAttributes{st.st_mode & 07777, st.st_uid, st.st_gid, std::move(*label)};
}

Result<void> RootFs::replace_file(std::string_view path, std::string_view content,
                                  const NewFileAttributes& attributes) const {
  auto fail = [&](const Error& e) { return Error{"replace " + guest_path(path) + ": " + e.message, e.code}; };
  // A symlink at `path` is followed inside the root: its target is replaced, the link kept.
  Result<Parent> parent = open_parent(path, O_RDONLY, Follow::kYes);
  if (!parent) return fail(parent.error());
  const int dir = parent->dir.get();
  const std::string& name = parent->name;

  std::optional<OldFile> old;
  struct stat st {};
  if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (!S_ISREG(st.st_mode)) return fail(Error{"not a regular file", EINVAL});
    old = OldFile{st, std::nullopt};
    int old_fd = ::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (old_fd < 0) return fail(Error::from_errno("open to read its SELinux label"));
    UniqueFd old_file(old_fd);
    Result<std::optional<std::string>> label = read_label(old_fd);
    if (!label) return fail(label.error());
    old->selinux_label = std::move(*label);
  } else if (errno != ENOENT) {
    return fail(Error::from_errno("stat"));
  }

  remove_stale_temps(dir, name, old ? std::optional<uid_t>(old->st.st_uid) : attributes.uid);
  Result<std::pair<UniqueFd, std::string>> temp = create_temp(dir, name);
  if (!temp) return fail(temp.error());
  auto& [file, temp_name] = *temp;
  Result<void> written = write_all(file.get(), content);
  if (written) written = apply_attributes(file.get(), old, attributes);
  if (written && ::fsync(file.get()) != 0) written = Error::from_errno("fsync");
  // Still open (and locked) across the rename, so no other writer's cleanup takes the
  // finished temp file for a stale one; after the fsync, closing it has nothing to report.
  if (written && ::renameat(dir, temp_name.c_str(), dir, name.c_str()) != 0)
    written = Error::from_errno("rename");
  file.reset();
  if (!written) {
    ::unlinkat(dir, temp_name.c_str(), 0);
    return fail(written.error());
  }
  // The rename is durable only once the directory is on disk too.
  if (::fsync(dir) != 0) return fail(Error::from_errno("fsync directory"));
  return {};
}

}  // namespace image_agent

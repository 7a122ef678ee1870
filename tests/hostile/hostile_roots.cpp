#include "hostile/hostile_roots.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "test_support/bind_mount.h"
#include "test_support/temp_dir.h"

namespace image_agent::hostile {
namespace {

namespace fs = std::filesystem;
using testing::write_file;

using Plant = std::function<std::string(const std::string& root, const std::string& outside)>;

/// Removes whatever is at `path` (never following a link) and makes its parent.
void clear(const std::string& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
  fs::create_directories(fs::path(path).parent_path());
}

std::string link(const std::string& target, const std::string& path) {
  clear(path);
  fs::create_symlink(target, path);
  return "";
}

std::string fifo(const std::string& path) {
  clear(path);
  if (::mkfifo(path.c_str(), 0644) != 0) return "mkfifo " + path + ": " + std::strerror(errno);
  return "";
}

/// A character device like /dev/zero (1,5), /dev/null (1,3) or /dev/urandom (1,9).
std::string device(const std::string& path, unsigned minor_number) {
  clear(path);
  if (::mknod(path.c_str(), S_IFCHR | 0644, makedev(1, minor_number)) != 0)
    return "mknod " + path + ": " + std::strerror(errno) + " (needs CAP_MKNOD)";
  return "";
}

std::string sparse(const std::string& path, off_t size) {
  clear(path);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return "create " + path + ": " + std::strerror(errno);
  const bool sized = ::ftruncate(fd, size) == 0;
  ::close(fd);
  if (!sized) return "ftruncate " + path + ": " + std::strerror(errno);
  return "";
}

std::string unreadable(const std::string& path) {
  fs::create_directories(path);
  write_file(path + "/inside", "behind mode 000\n");
  if (::chmod(path.c_str(), 0) != 0) return "chmod " + path + ": " + std::strerror(errno);
  return "";
}

/// The first failure of several plantings, or "".
std::string first_failure(std::initializer_list<std::string> whys) {
  for (const std::string& why : whys) {
    if (!why.empty()) return why;
  }
  return "";
}

/// Binds `from` onto `to` in this process's own mount namespace (the children inherit it;
/// nothing outside the test sees the mount; it goes with the test process). Returns why
/// it cannot, or "".
std::string bind_mount(const std::string& from, const std::string& to) {
  if (::geteuid() != 0) return "needs root to bind-mount";
  if (std::string why = testing::own_mount_namespace(); !why.empty()) return why;
  fs::create_directories(to);
  if (::mount(from.c_str(), to.c_str(), nullptr, MS_BIND, nullptr) != 0)
    return "bind " + from + " on " + to + ": " + std::strerror(errno);
  return "";
}

/// "../../.." climbing from the directory of `path` (a guest path) to the host's /,
/// then down to `target`: a relative link that leaves the root if followed on the host.
std::string climbing(const std::string& path, const std::string& root, const std::string& target) {
  std::string up;
  const std::string host_dir = fs::path(root + path).parent_path().string();
  for (char c : host_dir) {
    if (c == '/') up += "../";
  }
  return up + target.substr(1);
}

HostileRoot root(std::string name, Plant plant, bool as_nobody = false) {
  return HostileRoot{std::move(name), std::move(plant), as_nobody};
}

}  // namespace

void PrintTo(const HostileRoot& root, std::ostream* out) {
  *out << root.name;
}

const std::vector<std::pair<std::string, std::string>>& canaries() {
  static const std::vector<std::pair<std::string, std::string>> files{
      {"etc/shadow", "root:$6$host$notyours:19700:0:99999:7:::\n"},
      {"etc/fstab", "/dev/sda1 / ext4 defaults 0 1\n"},
      {"os-release", "ID=host\n"},
      {"history", "the host's history\n"},
      {"key", "-----BEGIN OPENSSH PRIVATE KEY-----\nhost\n-----END OPENSSH PRIVATE KEY-----\n"},
      {"log", "the host's log\n"},
      {"machine-id", "0123456789abcdef0123456789abcdef\n"},
      {"dir/file", "in a directory outside\n"},
      {"dir/ssh_host_ed25519_key", "private\n"},
      {"apt/archives/host.deb", "a package of the host\n"},
  };
  return files;
}

std::vector<HostileRoot> precheck_roots() {
  std::vector<HostileRoot> roots;
  roots.push_back(root("SymlinkLoops", [](const std::string& r, const std::string&) {
    return first_failure({link("fstab.b", r + "/etc/fstab"), link("fstab", r + "/etc/fstab.b"),
                          link("os-release", r + "/etc/os-release"),
                          link("sshd_config", r + "/etc/ssh/sshd_config"), link(".", r + "/boot/grub/loop"),
                          link("/boot/grub", r + "/boot/grub/grub")});
  }));
  roots.push_back(root("SymlinksOutOfTheRoot", [](const std::string& r, const std::string& o) {
    return first_failure(
        {link(o + "/etc/fstab", r + "/etc/fstab"), link(o + "/etc/shadow", r + "/etc/shadow"),
         link(climbing("/etc/os-release", r, o + "/os-release"), r + "/etc/os-release"),
         link(climbing("/etc/ssh/sshd_config", r, o + "/dir/file"), r + "/etc/ssh/sshd_config"),
         link(o + "/dir", r + "/etc/ssh/sshd_config.d"),
         link("/../../../.." + o + "/etc/fstab", r + "/etc/default/grub")});
  }));
  roots.push_back(root("Fifos", [](const std::string& r, const std::string&) {
    return first_failure({fifo(r + "/etc/fstab"), fifo(r + "/etc/os-release"), fifo(r + "/usr/bin/sh"),
                          fifo(r + "/etc/ssh/sshd_config"), fifo(r + "/boot/grub/grub.cfg"),
                          fifo(r + "/etc/default/grub"), fifo(r + "/etc/shadow"), fifo(r + "/etc/passwd"),
                          fifo(r + "/boot/initrd.img-6.1.0-21-amd64"), fifo(r + "/etc/machine-id")});
  }));
  roots.push_back(root("DeviceNodes", [](const std::string& r, const std::string&) {
    return first_failure({device(r + "/etc/fstab", 5), device(r + "/etc/os-release", 3),
                          device(r + "/usr/bin/sh", 5), device(r + "/etc/ssh/sshd_config", 9),
                          device(r + "/boot/initrd.img-6.1.0-21-amd64", 5),
                          device(r + "/boot/grub/grub.cfg", 5)});
  }));
  roots.push_back(root("HugeSparseFiles", [](const std::string& r, const std::string&) {
    constexpr off_t kTenGiB = off_t{10} << 30;
    return first_failure({sparse(r + "/boot/initrd.img-6.1.0-21-amd64", kTenGiB),
                          sparse(r + "/etc/fstab", kTenGiB), sparse(r + "/etc/ssh/sshd_config", kTenGiB),
                          sparse(r + "/var/log/huge.log", kTenGiB)});
  }));
  for (bool nobody : {false, true}) {
    roots.push_back(root(
        nobody ? "UnreadableDirectoriesAsNobody" : "UnreadableDirectoriesAsRoot",
        [](const std::string& r, const std::string&) {
          return first_failure({unreadable(r + "/etc/ssh"), unreadable(r + "/boot"),
                                unreadable(r + "/etc/network"), unreadable(r + "/etc/default")});
        },
        nobody));
  }
  return roots;
}

std::vector<HostileRoot> sysprep_roots() {
  std::vector<HostileRoot> roots;
  roots.push_back(root("SymlinkLoops", [](const std::string& r, const std::string&) {
    return first_failure({link(".bash_history", r + "/root/.bash_history"), link("b", r + "/tmp/a"),
                          link("a", r + "/tmp/b"), link("loop.log", r + "/var/log/loop.log"),
                          link("/home", r + "/home/loop"), link(".", r + "/var/log/self")});
  }));
  roots.push_back(root("SymlinksOutOfTheRoot", [](const std::string& r, const std::string& o) {
    return first_failure(
        {link(o + "/history", r + "/root/.bash_history"), link(o + "/log", r + "/var/log/syslog"),
         link(o + "/machine-id", r + "/etc/machine-id"), link(o + "/key", r + "/root/.ssh/id_ed25519"),
         link(o + "/etc/shadow", r + "/var/lib/systemd/random-seed"),
         link(climbing("/root/.python_history", r, o + "/history"), r + "/root/.python_history"),
         link(climbing("/var/log/apt/history.log", r, o + "/log"), r + "/var/log/apt/history.log"),
         link(o + "/dir", r + "/tmp/build"), link(o + "/dir", r + "/root/.aliyun"),
         link(o + "/dir", r + "/etc/ssh/keys"), link(o + "/apt/archives", r + "/var/cache/apt/archives"),
         link("/../../../.." + o + "/log", r + "/var/log/dpkg.log")});
  }));
  roots.push_back(root("Fifos", [](const std::string& r, const std::string&) {
    return first_failure({fifo(r + "/var/log/syslog"), fifo(r + "/root/.bash_history"),
                          fifo(r + "/etc/machine-id"), fifo(r + "/var/lib/systemd/random-seed"),
                          fifo(r + "/root/.ssh/id_ed25519"), fifo(r + "/var/lib/dhcp/dhclient.eth0.leases"),
                          fifo(r + "/tmp/build/output.o")});
  }));
  roots.push_back(root("DeviceNodes", [](const std::string& r, const std::string&) {
    return first_failure({device(r + "/var/log/zero.log", 5), device(r + "/var/log/syslog", 3),
                          device(r + "/root/.ssh/id_rsa", 5), device(r + "/etc/machine-id", 3),
                          device(r + "/var/lib/systemd/random-seed", 9), device(r + "/tmp/zero", 5)});
  }));
  roots.push_back(root("HugeSparseFiles", [](const std::string& r, const std::string&) {
    constexpr off_t kTenGiB = off_t{10} << 30;
    return first_failure({sparse(r + "/var/log/huge.log", kTenGiB), sparse(r + "/root/.ssh/id_huge", kTenGiB),
                          sparse(r + "/tmp/huge", kTenGiB), sparse(r + "/root/.bash_history", kTenGiB)});
  }));
  for (bool nobody : {false, true}) {
    roots.push_back(root(
        nobody ? "UnreadableDirectoriesAsNobody" : "UnreadableDirectoriesAsRoot",
        [](const std::string& r, const std::string&) {
          return first_failure({unreadable(r + "/root/.ssh"), unreadable(r + "/var/log/private"),
                                unreadable(r + "/tmp/locked"), unreadable(r + "/home/alice")});
        },
        nobody));
  }
  // A chroot build binds the host's package cache and a scratch directory into the root:
  // the same file system, other files (issue 15 #2).
  roots.push_back(root("BindMountOfTheOutside", [](const std::string& r, const std::string& o) {
    return first_failure({bind_mount(o + "/apt/archives", r + "/var/cache/apt/archives"),
                          bind_mount(o + "/dir", r + "/tmp/host")});
  }));
  return roots;
}

}  // namespace image_agent::hostile

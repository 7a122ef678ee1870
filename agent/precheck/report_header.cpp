// The report header: facts about the guest as a whole.
#include <fcntl.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <map>

#include "platform/block_devices.h"
#include "platform/host_files.h"
#include "platform/os_release.h"
#include "precheck/report.h"

namespace image_agent::precheck {
namespace {

/// uname's machine name for an ELF e_machine value.
std::string machine_of_elf(const std::string& header) {
  if (header.size() < 20 || header.compare(0, 4,
                                           "\x7f"
                                           "ELF") != 0)
    return "unknown";
  const unsigned machine =
      static_cast<unsigned char>(header[18]) | (static_cast<unsigned char>(header[19]) << 8);
  static const std::map<unsigned, std::string> kNames{{3, "i686"},      {40, "armv7l"},   {62, "x86_64"},
                                                      {183, "aarch64"}, {243, "riscv64"}, {21, "ppc64le"},
                                                      {22, "s390x"}};
  auto it = kNames.find(machine);
  return it == kNames.end() ? "unknown (ELF machine " + std::to_string(machine) + ")" : it->second;
}

std::string local_time() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  ::localtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &parts);
  return text;
}

}  // namespace

ReportHeader gather_header(const RootFs& fs, bool live, const std::string& sysfs,
                           const std::string& mountinfo) {
  ReportHeader h;
  h.root = fs.root();
  h.time = local_time();
  if (Result<OsRelease> os = read_os_release(fs)) {
    h.platform = os->name;
    h.os_small_version = os->version_id;
    h.os_big_version = os->version_id.substr(0, os->version_id.find('.'));
    h.pretty_name = os->pretty_name;
  } else {
    h.platform = "unknown";
    h.pretty_name = "unknown (no os-release)";
  }
  if (live) {
    utsname u{};
    h.architecture = ::uname(&u) == 0 ? u.machine : "unknown";
  } else {
    Result<UniqueFd> shell = fs.open_file("/bin/sh", O_RDONLY);
    std::string header(64, '\0');
    ssize_t n = shell ? ::read(shell->get(), header.data(), header.size()) : -1;
    header.resize(n > 0 ? static_cast<size_t>(n) : 0);
    h.architecture = machine_of_elf(header);
  }
  h.system_disk_size = "unknown";
  const std::string root_path = host_real_path(fs.root()).value_or(fs.root());
  if (std::optional<MountEntry> mount = mount_containing(read_host_file(mountinfo), root_path)) {
    if (std::optional<std::string> disk = disk_of_device(sysfs, mount->major, mount->minor)) {
      if (std::optional<uint64_t> bytes = disk_size_bytes(sysfs, *disk)) {
        h.system_disk_size = std::to_string((*bytes + (uint64_t{1} << 29)) >> 30) + "G";
      }
    }
  }
  return h;
}

}  // namespace image_agent::precheck

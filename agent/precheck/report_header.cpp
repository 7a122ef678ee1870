// The report header: facts about the guest as a whole.
#include <fcntl.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <map>

#include "guest/identity.h"
#include "guest/os_version.h"
#include "platform/os_release.h"
#include "precheck/facts/root_device.h"
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

/// The run's instant in image_check's format ("2018-05-14_19-18-10", local time, which its
/// TXT report's name carries too) and in ISO 8601 with the zone, which says which instant.
void set_time(ReportHeader* h) {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  ::localtime_r(&now, &parts);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%d_%H-%M-%S", &parts);
  h->time = text;
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S%z", &parts);
  h->time_iso8601 = text;
  if (h->time_iso8601.size() > 2) h->time_iso8601.insert(h->time_iso8601.size() - 2, ":");  // +0800: +08:00
}

}  // namespace

ReportHeader gather_header(const Context& context) {
  const RootFs& fs = context.fs();
  ReportHeader h;
  h.root = fs.root();
  set_time(&h);
  // Without os-release (CentOS 6, SLE 11) the distribution's *-release file says who it is.
  const guest::GuestIdentity identity = guest::identify_guest(fs);
  if (const OsRelease* os = identity.os()) {
    h.platform = os->name;
    h.pretty_name = os->pretty_name;
  } else if (Result<OsRelease> without_id = read_os_release(fs)) {
    h.platform = without_id->name;
    h.pretty_name = without_id->pretty_name;
  } else {
    h.platform = "unknown";
    h.pretty_name = "unknown (no os-release)";
  }
  const guest::OsVersion version = guest::read_os_version(fs);
  h.os_version = version.full;
  h.os_version_source = version.source;
  h.os_big_version = guest::major_version(version.full);
  h.os_small_version = guest::minor_version(version.full);
  if (context.live()) {
    utsname u{};
    h.architecture = ::uname(&u) == 0 ? u.machine : "unknown";
  } else {
    // Never a blocking open: the guest's /bin/sh may be a FIFO (or a device node).
    Result<std::string> header = fs.read_head("/bin/sh", 64);
    h.architecture = machine_of_elf(header ? *header : std::string());
  }
  const RootDevice& device = root_device(context);
  if (!device.available()) {
    h.system_disk_unknown = device.unavailable;
  } else if (!device.disk_bytes) {
    h.system_disk = device.disk;
    h.system_disk_unknown = "no size for disk " + device.disk + " in " + context.sysfs();
  } else {
    h.system_disk = device.disk;
    h.system_disk_bytes = device.disk_bytes;
    // Rounded up: the size entered at import must hold the whole disk.
    constexpr uint64_t kGiB = uint64_t{1} << 30;
    h.system_disk_size = std::to_string((*device.disk_bytes + kGiB - 1) / kGiB);
  }
  return h;
}

}  // namespace image_agent::precheck

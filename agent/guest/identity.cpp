#include "guest/identity.h"

#include <algorithm>
#include <array>

#include "guest/os_version.h"
#include "platform/shell_assignments.h"
#include "platform/text.h"

namespace image_agent::guest {
namespace {

struct Distribution {
  std::string_view prefix;  ///< how its release file's first line begins, lower case
  std::string_view id;      ///< its os-release ID
  std::string_view name;    ///< the platform name
};

// Longer prefixes first. The names are the platforms as the cloud's import and image_check
// name them (seed 002: "CentOS"), or the distribution's own name where the seed has none.
constexpr std::array<Distribution, 12> kDistributions{{
    {"centos stream", "centos", "CentOS Stream"},
    {"centos", "centos", "CentOS"},
    {"red hat enterprise linux", "rhel", "Red Hat Enterprise Linux"},
    {"oracle linux", "ol", "Oracle Linux"},
    {"enterprise linux enterprise linux", "ol", "Oracle Linux"},  // Oracle's 5.x enterprise-release
    {"scientific linux", "scientific", "Scientific Linux"},
    {"fedora", "fedora", "Fedora"},
    {"amazon linux", "amzn", "Amazon Linux"},
    {"suse linux enterprise server", "sles", "SUSE Linux Enterprise Server"},
    {"suse linux enterprise desktop", "sled", "SUSE Linux Enterprise Desktop"},
    {"opensuse", "opensuse", "openSUSE"},
    {"suse linux", "suse", "SUSE Linux"},
}};

/// Files that several distributions carry (derivatives keep redhat-release), read last.
constexpr std::array<std::string_view, 3> kShared{"redhat-release", "system-release", "lsb-release"};

}  // namespace

std::optional<OsRelease> parse_release_file(std::string_view text) {
  OsRelease release;
  release.version_id = parse_release_file_version(text);
  const Assignments fields = parse_shell_assignments(text);
  if (const Assignment* distrib = fields.find("DISTRIB_ID"); distrib != nullptr && !distrib->value.empty()) {
    release.id = lower(distrib->value);
    release.name = distrib->value;
    release.pretty_name = fields.get("DISTRIB_DESCRIPTION", release.name + " " + release.version_id);
    return release;
  }
  const std::vector<std::string_view> all = lines(text);
  const std::string_view first = all.empty() ? std::string_view() : trim(all.front());
  if (first.empty() || first.find('=') != std::string_view::npos) return std::nullopt;
  release.pretty_name = std::string(first);
  const std::string first_lower = lower(first);
  for (const Distribution& d : kDistributions) {
    if (first_lower.starts_with(d.prefix)) {
      release.id = std::string(d.id);
      release.name = std::string(d.name);
      return release;
    }
  }
  // Red Hat's convention, "NAME release VERSION (CODENAME)", names any other distribution.
  const size_t word = first.find(" release ");
  if (word == std::string_view::npos || word == 0) return std::nullopt;
  release.id = "linux";
  release.name = std::string(first.substr(0, word));
  return release;
}

const OsRelease* GuestIdentity::os() const {
  if (os_release) return &*os_release;
  return from_release_file ? &*from_release_file : nullptr;
}

const std::string& GuestIdentity::source() const {
  static const std::string kNone;
  if (os_release) return os_release_path;
  return from_release_file ? release_file : kNone;
}

GuestIdentity identify_guest(const RootFs& fs) {
  GuestIdentity identity;
  for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
    Result<std::string> text = fs.read_file(path);
    if (!text) continue;
    if (parse_shell_assignments(*text).find("ID") != nullptr) {
      identity.os_release = parse_os_release(*text);
      identity.os_release_path = path;
      return identity;
    }
    identity.without_id.emplace_back(path);
  }
  // Older systems: /etc/centos-release, /etc/SuSE-release, /etc/redhat-release...
  Result<std::vector<DirEntry>> etc = fs.list("/etc");
  if (!etc) return identity;
  std::vector<std::string> names;
  for (const DirEntry& entry : *etc)
    if (entry.name.ends_with("-release") && entry.name != "os-release") names.push_back(entry.name);
  // Stable: the distribution's own files in name order, then the shared ones in kShared's.
  auto rank = [](const std::string& name) -> size_t {
    const auto* it = std::find(kShared.begin(), kShared.end(), name);
    return it == kShared.end() ? 0 : 1 + static_cast<size_t>(it - kShared.begin());
  };
  std::stable_sort(names.begin(), names.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  for (const std::string& name : names) {
    const std::string path = "/etc/" + name;
    Result<struct stat> st = fs.stat(path);
    if (!st || !S_ISREG(st->st_mode) || st->st_size == 0) continue;
    if (identity.release_file.empty()) identity.release_file = path;
    Result<std::string> text = fs.read_file(path);
    if (!text) continue;
    if (std::optional<OsRelease> release = parse_release_file(*text)) {
      identity.release_file = path;
      identity.from_release_file = std::move(release);
      break;
    }
  }
  return identity;
}

}  // namespace image_agent::guest

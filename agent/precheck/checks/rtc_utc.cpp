// rtc_utc: the cloud's virtual hardware clock runs in UTC. A guest that reads it as local
// time starts with its clock off by the build host's time zone until NTP corrects it
// (and logs, certificates and cron jobs see the jump). Where systems keep that setting:
// /etc/adjtime's third line (util-linux hwclock, systemd), and on pre-systemd systems
// /etc/sysconfig/clock UTC= (RHEL 6) and /etc/default/rcS UTC= (Debian sysvinit).
// Source: cloud-side check.
#include <cerrno>

#include "platform/shell_assignments.h"
#include "platform/text.h"
#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

constexpr const char* kAdjtime = "/etc/adjtime";

Verdict check(const ItemContext& context) {
  const RootFs& fs = context.fs();
  std::vector<Evidence> evidence;
  Result<std::string> text = fs.read_file(kAdjtime, 4096);
  if (text) {
    std::vector<std::string_view> all = lines(*text);
    std::string_view mode = all.size() >= 3 ? trim(all[2]) : std::string_view("UTC");
    if (!mode.empty() && mode.back() == '\r') mode.remove_suffix(1);
    evidence.emplace_back(kAdjtime, std::string(mode));
    if (mode == "LOCAL") {
      return problem(context, 1, "/etc/adjtime keeps the hardware clock in local time",
                     "Run: timedatectl set-local-rtc 0 (or write UTC on the third line of /etc/adjtime).",
                     std::move(evidence));
    }
  } else if (text.error().code != ENOENT) {
    return skipped("cannot read /etc/adjtime: " + text.error().message, {{"path", kAdjtime}});
  }

  // Read by the init scripts of systems without systemd; harmless leftovers elsewhere,
  // but an image that boots either way should not say local time.
  struct Legacy {
    const char* path;
    const char* key;
    const char* fix;
  };
  for (const Legacy& legacy : {Legacy{"/etc/sysconfig/clock", "UTC", "set UTC=true in /etc/sysconfig/clock"},
                               Legacy{"/etc/default/rcS", "UTC", "set UTC=yes in /etc/default/rcS"}}) {
    Result<std::string> content = fs.read_file(legacy.path, 65536);
    if (!content) continue;
    const Assignments values = parse_shell_assignments(*content);
    const Assignment* utc = values.find(legacy.key);
    if (utc == nullptr) continue;
    evidence.emplace_back(legacy.path, std::string(legacy.key) + "=" + utc->value);
    std::string value = lower(utc->value);
    if (value == "no" || value == "false" || value == "0") {
      return problem(context, 2,
                     std::string(legacy.path) + " line " + std::to_string(utc->line) + " says " + legacy.key +
                         "=" + utc->value + ": the hardware clock is read as local time",
                     std::string("To read it as UTC, ") + legacy.fix + ".", std::move(evidence));
    }
  }
  if (evidence.empty()) evidence.emplace_back(kAdjtime, "(none: UTC)");
  return ok("the hardware clock is in UTC", std::move(evidence));
}

}  // namespace

extern const Item kRtcUtcItem{"rtc_utc",
                              "",
                              3300,
                              "/etc/adjtime (or a pre-systemd clock setting) does not say local time",
                              "cloud-side check",
                              ItemKind::kSystem,
                              &check};

}  // namespace image_agent::precheck::checks

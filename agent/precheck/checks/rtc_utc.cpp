// rtc_utc: the cloud's virtual hardware clock runs in UTC; /etc/adjtime saying LOCAL
// (its third line) makes the instance's clock off by the build host's time zone until
// NTP corrects it. Source: cloud-side check.
#include <cerrno>

#include "platform/text.h"
#include "precheck/context.h"

namespace image_agent::precheck::checks {
namespace {

constexpr const char* kAdjtime = "/etc/adjtime";

Verdict check(const Context& context) {
  Result<std::string> text = context.fs().read_file(kAdjtime, 4096);
  if (!text) {
    if (text.error().code == ENOENT) return ok("no /etc/adjtime: the hardware clock is taken as UTC");
    return skipped("cannot read /etc/adjtime: " + text.error().message, {{"path", kAdjtime}});
  }
  std::vector<std::string_view> all = lines(*text);
  std::string_view mode = all.size() >= 3 ? trim(all[2]) : std::string_view("UTC");
  if (!mode.empty() && mode.back() == '\r') mode.remove_suffix(1);
  std::vector<Evidence> evidence{{"path", kAdjtime}, {"clock", std::string(mode)}};
  if (mode == "LOCAL") {
    return problem(context, 1, "/etc/adjtime keeps the hardware clock in local time",
                   "Run: timedatectl set-local-rtc 0 (or write UTC on the third line of /etc/adjtime).",
                   std::move(evidence));
  }
  return ok("the hardware clock is in UTC", std::move(evidence));
}

}  // namespace

extern const Item kRtcUtcItem;
const Item kRtcUtcItem{"rtc_utc", "", 3300, "/etc/adjtime does not say LOCAL", "cloud-side check", &check};

}  // namespace image_agent::precheck::checks

#pragma once

#include <string>
#include <vector>

#include "platform/root_fs.h"
#include "precheck/runner.h"

namespace image_agent::precheck {

/// The report's header: what was checked, image_check's top-level fields and ours.
struct ReportHeader {
  std::string platform;          ///< os-release NAME, "Debian GNU/Linux"
  std::string os_big_version;    ///< major of VERSION_ID, "12"
  std::string os_small_version;  ///< VERSION_ID, "12" or "8.9"
  std::string pretty_name;       ///< for the console
  std::string architecture;      ///< "x86_64"
  std::string system_disk_size;  ///< "40G", or "unknown"
  std::string version;           ///< image-agent's
  std::string time;              ///< "2026-11-22 10:20:30" (local time)
  std::string profile;
  std::string root;
};

struct Summary {
  int ok = 0;
  int warning = 0;
  int failed = 0;
  int skipped = 0;
};

struct Report {
  ReportHeader header;
  std::vector<Outcome> outcomes;
  Summary summary() const;
};

inline constexpr int kSchemaVersion = 1;

/// image_check_report.json: a superset of the cloud tool's (same field names and types),
/// plus schema_version, profile, root, summary and per item remediation and evidence.
/// Validated by agent/precheck/report.schema.json.
std::string render_json(const Report& report);

/// What the console shows (and the TXT report holds): header, one aligned line per item
/// with [ OK ] / [ WARNING ] / [ FAILED ] / [ SKIPPED ], the reason and fix under each
/// non-OK item, and the counts. `color`: ANSI colours for a terminal.
std::string render_text(const Report& report, bool color);

/// The header facts of the guest at `fs`: OS from os-release, architecture from uname
/// (live) or the ELF header of its /bin/sh (offline), disk size from sysfs.
ReportHeader gather_header(const RootFs& fs, bool live, const std::string& sysfs,
                           const std::string& mountinfo);

}  // namespace image_agent::precheck

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "precheck/context.h"
#include "precheck/runner.h"

namespace image_agent::precheck {

/// The report's header: what was checked. The first fields are image_check's, in its
/// formats (seed 002's example for CentOS 7.4); the rest are ours.
struct ReportHeader {
  std::string platform;  ///< os-release NAME ("CentOS Linux"), else guest::parse_release_file's ("CentOS")
  std::string os_big_version;    ///< the major version, "7"
  std::string os_small_version;  ///< the minor version, "4"; "" when the version has none
  std::string architecture;      ///< "x86_64"
  std::string system_disk_size;  ///< GiB, a bare number ("42"); "" when unknown
  std::string version;           ///< image-agent's
  std::string time;              ///< local time, "2018-05-14_19-18-10"

  std::string os_version;         ///< the whole version, "7.4.1708"
  std::string os_version_source;  ///< the file it comes from, "/etc/centos-release"
  std::string pretty_name;        ///< for the console
  std::string system_disk;        ///< the disk under the root, "vda"; "" when unknown
  std::optional<uint64_t> system_disk_bytes;
  std::string system_disk_unknown;  ///< why there is no size; "" when there is one
  std::string time_iso8601;         ///< the same instant, "2018-05-14T19:18:10+08:00"
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

/// 2: image_check's value formats for time, system_disk_size and os_small_version, and its
/// meaning of description (the finding) and comment (the advice); 1 differed in all four.
inline constexpr int kSchemaVersion = 2;

/// image_check_report.json: a superset of the cloud tool's (same field names, types and
/// value formats), plus our own fields: schema_version, profile, root, summary, os_version,
/// system_disk, time_iso8601, and per item rule, remediation and evidence.
/// Validated by agent/precheck/report.schema.json. Always valid UTF-8: a guest's invalid
/// bytes are replaced by U+FFFD (its controls are JSON escapes).
std::string render_json(const Report& report);

/// What the console shows (and the TXT report holds): header, one aligned line per item
/// with [ OK ] / [ WARNING ] / [ FAILED ] / [ SKIPPED ], the reason and fix under each
/// non-OK item, and the counts. `color`: ANSI colours for a terminal. Guest strings are
/// shown through printable(): their controls and invalid bytes as \xNN.
std::string render_text(const Report& report, bool color);

/// The header facts of the guest of `context`: OS and version from os-release and
/// /etc/*-release, architecture from uname (live) or the ELF header of its /bin/sh
/// (offline), the system disk from the root device (the same fact the disk_size item
/// judges, so with --root on a plain directory there is none, never the host's).
ReportHeader gather_header(const Context& context);

/// The line that names a written report, in image_check's words (seed 002):
/// "The report is generated : PATH\n".
std::string report_generated_line(const std::string& path);

}  // namespace image_agent::precheck

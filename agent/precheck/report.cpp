#include "precheck/report.h"

#include <boost/json.hpp>
#include <sstream>

#include "platform/printable.h"

namespace image_agent::precheck {

Summary Report::summary() const {
  Summary s;
  for (const Outcome& o : outcomes) {
    switch (o.verdict.status) {
      case Status::kOk:
        ++s.ok;
        break;
      case Status::kWarning:
        ++s.warning;
        break;
      case Status::kFailed:
        ++s.failed;
        break;
      case Status::kSkipped:
        ++s.skipped;
        break;
    }
  }
  return s;
}

namespace {

/// image_check's `comment`: the advice. Without a fix to give (OK, SKIPPED), the rule the
/// item holds the guest to, as image_check's own OK items explain theirs.
std::string advice(const Outcome& o) {
  return o.verdict.remediation.empty() ? std::string(o.item->rule) : o.verdict.remediation;
}

}  // namespace

std::string render_json(const Report& report) {
  namespace json = boost::json;
  const ReportHeader& h = report.header;
  json::array items;
  for (const Outcome& o : report.outcomes) {
    json::array evidence;
    for (const auto& [name, value] : o.verdict.evidence)
      evidence.push_back(json::object{{"name", name}, {"value", value}});
    items.push_back(json::object{
        {"name", o.item->id},
        {"result", status_name(o.verdict.status)},
        {"error_code", o.verdict.error_code},
        {"description", o.verdict.comment},
        {"comment", advice(o)},
        {"rule", o.item->rule},
        {"remediation", o.verdict.remediation},
        {"evidence", std::move(evidence)},
    });
  }
  const Summary s = report.summary();
  json::object root{
      {"platform", h.platform},
      {"os_big_version", h.os_big_version},
      {"os_small_version", h.os_small_version},
      {"architecture", h.architecture},
      {"system_disk_size", h.system_disk_size},
      {"version", h.version},
      {"time", h.time},
      {"check_items", std::move(items)},
      {"schema_version", kSchemaVersion},
      {"os_version", h.os_version},
      {"os_version_source", h.os_version_source},
      {"system_disk",
       json::object{{"name", h.system_disk},
                    {"bytes", h.system_disk_bytes ? json::value(*h.system_disk_bytes) : json::value(nullptr)},
                    {"unknown", h.system_disk_unknown}}},
      {"time_iso8601", h.time_iso8601},
      {"profile", h.profile},
      {"root", h.root},
      {"summary",
       json::object{{"ok", s.ok}, {"warning", s.warning}, {"failed", s.failed}, {"skipped", s.skipped}}},
  };
  // Boost.JSON escapes quotes, backslashes and C0 controls but copies every other byte,
  // so a guest's invalid UTF-8 (a Latin-1 os-release, a file name, a YAML line quoted in a
  // finding) would make the whole report unparseable to a strict reader. Those bytes are
  // replaced by U+FFFD rather than refused: the report must still be produced, and the
  // replacement shows where they were. The serialized text is mended as a whole, so no
  // field can be missed; only string contents hold bytes above 0x7f, and the ASCII of the
  // JSON syntax around them is never touched.
  return valid_utf8(json::serialize(root)) + "\n";
}

std::string render_text(const Report& report, bool color) {
  const ReportHeader& h = report.header;
  constexpr size_t kWidth = 50;
  auto paint = [color](Status status, std::string text) {
    if (!color) return text;
    const char* code = status == Status::kOk        ? "\033[32m"
                       : status == Status::kWarning ? "\033[33m"
                       : status == Status::kFailed  ? "\033[31m"
                                                    : "\033[36m";
    return code + text + "\033[0m";
  };
  // Every string from the guest (its os-release, its file names in findings) reaches the
  // terminal through printable(): no escape sequence of the image's acts on the operator's
  // terminal, and no newline of its makes a line of the report.
  std::ostringstream out;
  out << "Current system: " << printable(h.pretty_name) << "\n"
      << "Architecture: " << printable(h.architecture) << "\n"
      << "System disk size: "
      << printable(h.system_disk_size.empty() ? "unknown (" + h.system_disk_unknown + ")"
                                              : h.system_disk_size + " GiB")
      << "\n"
      << "Profile: " << printable(h.profile) << "    Root: " << printable(h.root) << "\n"
      << std::string(kWidth + 14, '-') << "\n";
  for (const Outcome& o : report.outcomes) {
    std::string name = "Check " + std::string(o.item->cloud_name.empty() ? o.item->id : o.item->cloud_name);
    if (name.size() < kWidth) name += std::string(kWidth - name.size(), ' ');
    out << name << " " << paint(o.verdict.status, "[ " + std::string(status_name(o.verdict.status)) + " ]")
        << "\n";
    if (o.verdict.status != Status::kOk) {
      if (!o.verdict.comment.empty())
        out << "    " << printable(o.verdict.comment) << " (code " << o.verdict.error_code << ")\n";
      if (!o.verdict.remediation.empty()) out << "    fix: " << printable(o.verdict.remediation) << "\n";
    }
  }
  const Summary s = report.summary();
  out << std::string(kWidth + 14, '-') << "\n"
      << s.ok << " OK, " << s.warning << " WARNING, " << s.failed << " FAILED, " << s.skipped << " SKIPPED\n";
  return out.str();
}

std::string report_generated_line(const std::string& path) {
  return "The report is generated : " + path + "\n";
}

}  // namespace image_agent::precheck

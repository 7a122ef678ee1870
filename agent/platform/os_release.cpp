#include "platform/os_release.h"

#include "platform/shell_assignments.h"

namespace image_agent {

OsRelease parse_os_release(std::string_view text) {
  Assignments fields = parse_shell_assignments(text);
  OsRelease release;
  release.id = fields.get("ID", "linux");
  release.id_like = fields.get("ID_LIKE");
  release.name = fields.get("NAME", "Linux");
  release.version_id = fields.get("VERSION_ID");
  release.pretty_name = fields.get("PRETTY_NAME");
  if (release.pretty_name.empty()) {
    release.pretty_name = release.name + (release.version_id.empty() ? "" : " " + release.version_id);
  }
  return release;
}

Result<OsRelease> read_os_release(const RootFs& fs) {
  Result<std::string> text = fs.read_file("/etc/os-release");
  if (!text && text.error().code == ENOENT) text = fs.read_file("/usr/lib/os-release");
  if (!text) return text.error();
  return parse_os_release(*text);
}

}  // namespace image_agent

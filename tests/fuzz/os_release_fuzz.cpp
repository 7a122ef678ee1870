// Who the guest is: /etc/os-release, a distribution's own *-release file and
// lsb-release, and the version numbers read from them.
#include "fuzz_input.h"
#include "guest/identity.h"
#include "guest/os_version.h"
#include "platform/os_release.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::text_of(data, size);
  OsRelease release = parse_os_release(text);
  guest::major_version(release.version_id);
  guest::minor_version(release.version_id);
  guest::parse_release_file(text);
  std::string version = guest::parse_release_file_version(text);
  guest::major_version(version);
  guest::minor_version(version);
  return 0;
}

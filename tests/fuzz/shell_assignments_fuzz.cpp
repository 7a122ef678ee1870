// KEY=VALUE files read as data (os.conf, os-release, ifcfg, /etc/default/*): the parser,
// and the rewrite that sets one key while keeping every other line byte for byte.
#include <cstdlib>

#include "fuzz_input.h"
#include "platform/shell_assignments.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::text_of(data, size);
  parse_shell_assignments(text);
  replace_assignment(text, "BOOTPROTO", "dhcp");
  std::string set = set_assignment(text, "HOSTNAME", "fuzz");
  if (set.find("HOSTNAME=fuzz") == std::string::npos) std::abort();
  return 0;
}

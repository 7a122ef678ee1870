// ifcfg files as RHEL's initscripts and SUSE's wicked read them (the path decides the
// rules), and precheck's reading of the NIC each one configures.
#include "fuzz_input.h"
#include "guest/ifcfg.h"
#include "precheck/facts/nic_config.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::text_of(data, size);
  for (const char* dir : {guest::kRhelIfcfgDir, guest::kSuseIfcfgDir}) {
    guest::Ifcfg ifcfg = guest::parse_ifcfg(text, std::string(dir) + "/ifcfg-eth0");
    ifcfg.why_not_plain();
    precheck::nic_config(ifcfg);
  }
  guest::is_ifcfg_name(text);
  return 0;
}

// systemd-networkd's .network and .link files: the INI reader under them, the [Match]
// rules firstboot relies on to know which NIC a file selects, and precheck's reading.
#include "fuzz_input.h"
#include "guest/ini_file.h"
#include "guest/systemd_network.h"
#include "precheck/facts/nic_config.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::text_of(data, size);
  guest::parse_ini(text);
  guest::NetworkUnitFile unit = guest::parse_network_unit(text);
  guest::match_may_select(unit.match, "52:54:00:12:34:56", "eth0");
  guest::match_may_select(unit.match, "", "ens5");
  unit.plain_dhcp();
  precheck::nic_config(unit, "/etc/systemd/network/10-eth0.network");
  return 0;
}

// netplan's YAML: each "==> NAME <==" section of the input is one file (the main text
// the first), parsed, merged in netplan's order and read for its NICs as precheck does.
#include "fuzz_input.h"
#include "guest/netplan.h"
#include "precheck/facts/nic_config.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::vector<guest::NetplanEthernet>> files;
  for (const fuzz::InputFile& file : fuzz::split_files(fuzz::text_of(data, size))) {
    guest::netplan_other_devices(file.content);
    Result<std::vector<guest::NetplanEthernet>> parsed =
        guest::parse_netplan_file(file.content, "/etc/netplan/" + file.name);
    if (parsed) files.push_back(std::move(*parsed));
  }
  for (const guest::NetplanEthernet& ethernet : guest::merge_netplan(files)) ethernet.nic_name();
  precheck::nic_configs(guest::merge_netplan(files));
  return 0;
}

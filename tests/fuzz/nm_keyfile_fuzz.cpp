// NetworkManager: a connection keyfile (and precheck's reading of its NIC), and the
// NetworkManager.conf files whose [main] dns= decides who writes resolv.conf (each
// "==> NAME <==" section of the input is one conf.d file, in order).
#include "fuzz_input.h"
#include "guest/nm_config.h"
#include "guest/nm_keyfile.h"
#include "precheck/facts/nic_config.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::text_of(data, size);
  guest::NmKeyfile keyfile = guest::parse_nm_keyfile(text);
  keyfile.plain_dhcp();
  precheck::nic_config(keyfile, "/etc/NetworkManager/system-connections/eth0.nmconnection");
  std::vector<std::string_view> texts;
  for (const fuzz::InputFile& file : fuzz::split_files(text)) texts.push_back(file.content);
  guest::parse_nm_main_config(texts);
  return 0;
}

// os.conf as the cloud (or an attacker with access to partition 1) writes it: the
// shell-assignment parser, every validator behind it, and the password-stripping rewrite.
// Beyond "no crash": whatever parses as a NIC holds addresses the validators accept.
#include <cstdlib>

#include "firstboot/os_conf.h"
#include "firstboot/os_conf_file.h"
#include "firstboot/validate.h"
#include "fuzz_input.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::text_of(data, size);
  firstboot::OsConf conf = firstboot::parse_os_conf(text);
  if (conf.network.value) {
    for (const firstboot::Nic& nic : conf.network.value->nics) {
      std::optional<uint32_t> address = firstboot::parse_ipv4(nic.address, nullptr);
      if (!address || !firstboot::unicast_host(*address, nullptr)) std::abort();
      if (nic.prefix < 0 || nic.prefix > 32) std::abort();
    }
  }
  std::string stripped = firstboot::without_password(text);
  if (firstboot::parse_os_conf(stripped).password.value) std::abort();
  return 0;
}

// os.conf's address values: IPv4, netmask, MAC, the routes list, the host name. What
// parses must read back the same (an address formats to the text it came from, a prefix
// to its netmask), and every rejection says why.
#include <cstdlib>

#include "firstboot/validate.h"
#include "fuzz_input.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::text_of(data, size);
  std::string why;
  if (std::optional<uint32_t> address = firstboot::parse_ipv4(text, &why)) {
    if (firstboot::format_ipv4(*address) != text) std::abort();
    firstboot::unicast_host(*address, &why);
    firstboot::usable_nameserver(*address, &why);
    firstboot::host_of_subnet(*address, *address ^ 0xff, 24, &why);
  }
  if (std::optional<int> prefix = firstboot::netmask_prefix(text, &why)) {
    if (*prefix < 0 || *prefix > 32 || firstboot::format_ipv4(firstboot::prefix_mask(*prefix)) != text)
      std::abort();
  }
  if (std::optional<std::string> mac = firstboot::parse_mac(text, &why)) {
    if (mac->size() != 17) std::abort();
  }
  if (std::optional<std::vector<firstboot::Route>> routes = firstboot::parse_routes(text, &why)) {
    for (const firstboot::Route& route : *routes) {
      std::optional<uint32_t> destination = firstboot::parse_ipv4(route.destination, nullptr);
      if (!destination || route.prefix < 0 || route.prefix > 32) std::abort();
      if ((*destination & ~firstboot::prefix_mask(route.prefix)) != 0) std::abort();  // host bits
      if (!firstboot::parse_ipv4(route.gateway, nullptr)) std::abort();
    }
  } else if (why.empty()) {
    std::abort();
  }
  firstboot::valid_hostname(text, &why);
  return 0;
}

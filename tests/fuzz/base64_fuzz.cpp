// The root password's strict Base64 (RFC 4648, padding required, no whitespace): a
// decoded value is never empty and never holds a NUL (it goes to crypt(3) as a C string).
#include <cstdlib>

#include "firstboot/validate.h"
#include "fuzz_input.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string why;
  std::optional<firstboot::Secret> password = firstboot::decode_password(fuzz::text_of(data, size), &why);
  if (password) {
    if (password->empty() || password->view().find('\0') != std::string_view::npos) std::abort();
    // Four characters of Base64 decode to at most three bytes.
    if (password->size() > size / 4 * 3) std::abort();
  } else if (why.empty()) {
    std::abort();  // a rejection always says why
  }
  return 0;
}

// What precheck reads about a kernel's drivers: /boot/config-VERSION, modules.builtin,
// and module names from file names.
#include "fuzz_input.h"
#include "platform/text.h"
#include "precheck/facts/kernel_config.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::text_of(data, size);
  precheck::parse_kernel_config(text);
  precheck::parse_modules_builtin(text);
  for (std::string_view line : lines(text)) precheck::module_name_of(line);
  return 0;
}

// The agent's own YAML configuration (/etc/image-agent/image-agent.yaml, --config).
#include "fuzz_input.h"
#include "platform/agent_config.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static_cast<void>(parse_agent_config(fuzz::text_of(data, size)));  // only crashes count here
  return 0;
}

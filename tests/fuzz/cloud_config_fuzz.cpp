// cloud-init's cloud.cfg and cloud.cfg.d files (YAML, or key lines where yaml-cpp gives
// up): each "==> NAME <==" section is one file, merged in cloud-init's order.
#include "fuzz_input.h"
#include "guest/cloud_init.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<guest::CloudConfigFile> files;
  for (const fuzz::InputFile& file : fuzz::split_files(fuzz::text_of(data, size))) {
    static_cast<void>(guest::parse_cloud_config(file.content));  // only crashes count here
    std::string path =
        file.name.empty() ? guest::kCloudCfg : std::string(guest::kCloudCfgDir) + "/" + file.name;
    files.push_back({path, std::string(file.content)});
  }
  guest::merge_cloud_config(std::move(files));
  return 0;
}

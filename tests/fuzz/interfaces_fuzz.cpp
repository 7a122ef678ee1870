// ifupdown's /etc/network/interfaces with the files its `source` and `source-directory`
// lines pull in, read from a real (temporary) root: the main text is the interfaces
// file, each "==> NAME <==" section a file /etc/network/interfaces.d/NAME. Also the
// rewrite that drops one interface, and precheck's reading of each file's NICs.
#include "fuzz_input.h"
#include "guest/ifupdown.h"
#include "precheck/facts/nic_config.h"
#include "test_support/temp_dir.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  testing::TempDir root;
  for (const fuzz::InputFile& file : fuzz::split_files(fuzz::text_of(data, size))) {
    if (file.name.empty()) guest::without_interface(file.content, "eth0");
    std::string path = file.name.empty() ? guest::kInterfacesPath : "/etc/network/interfaces.d/" + file.name;
    testing::write_file(root / path, file.content);
  }
  if (Result<RootFs> fs = RootFs::open(root.path())) {
    for (const guest::InterfacesFile& file : guest::load_interfaces(*fs).files) precheck::nic_configs(file);
  }
  return 0;
}

// /etc/ssh/sshd_config and the files its `Include` lines pull in, read from a real
// (temporary) root as precheck reads a guest: the input's main text is sshd_config, each
// "==> NAME <==" section a file /etc/ssh/sshd_config.d/NAME (fuzz_input.h).
#include "fuzz_input.h"
#include "guest/sshd_config.h"
#include "test_support/temp_dir.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  testing::TempDir root;
  for (const fuzz::InputFile& file : fuzz::split_files(fuzz::text_of(data, size))) {
    std::string path = file.name.empty() ? "/etc/ssh/sshd_config" : "/etc/ssh/sshd_config.d/" + file.name;
    testing::write_file(root / path, file.content);
  }
  if (Result<RootFs> fs = RootFs::open(root.path())) {
    if (Result<guest::SshdConfig> config = guest::read_sshd_config(*fs)) config->find("permitrootlogin");
  }
  return 0;
}

// The initramfs reader: concatenated cpio newc archives, plain or compressed with gzip,
// xz, zstd or legacy lz4 (the seeds hold one of each), as precheck lists the modules in
// a kernel's initramfs.
#include <cstdlib>

#include "fuzz_input.h"
#include "precheck/facts/initramfs.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes = fuzz::text_of(data, size);
  // Errors are expected on most inputs: only crashes, leaks and hangs count.
  static_cast<void>(precheck::initramfs_files(bytes));
  size_t end = 0;
  if (precheck::cpio_names(bytes, &end) && end > size) std::abort();
  return 0;
}

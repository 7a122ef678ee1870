// A disk image as precheck probes the root disk: the input is the start of a disk (the
// rest reads as zeros up to 4 MiB), its MBR or GPT partition table and each partition's
// file system found by libblkid, and the ext superblock and XFS magic read by precheck.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>

#include "fuzz_input.h"
#include "platform/unique_fd.h"
#include "precheck/facts/disk_probe.h"
#include "precheck/facts/superblock.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes = fuzz::text_of(data, size);
  precheck::parse_ext_superblock(bytes.substr(0, 2048));
  precheck::is_xfs_superblock(bytes);

  // A memory file, so no disk is touched; probe_disk opens it by its /proc path.
  UniqueFd fd(::memfd_create("fuzz-disk", MFD_CLOEXEC));
  if (fd.get() < 0) return 0;
  constexpr off_t kDiskSize = off_t{4} << 20;
  if (::ftruncate(fd.get(), std::max(kDiskSize, static_cast<off_t>(size))) != 0) return 0;
  if (::pwrite(fd.get(), data, size, 0) != static_cast<ssize_t>(size)) return 0;
  std::string path = "/proc/self/fd/" + std::to_string(fd.get());
  if (Result<precheck::DiskLayout> layout = precheck::probe_disk(path)) {
    for (const precheck::ProbedFs& fs : layout->partitions) {
      precheck::describe(fs.ext);
      layout->find("UUID=" + fs.uuid);
    }
  }
  static_cast<void>(precheck::probe_filesystem(path));
  return 0;
}

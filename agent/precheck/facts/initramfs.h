#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace image_agent::precheck {

/// The largest initramfs read, and the most its archives may decompress to.
inline constexpr size_t kMaxInitramfsBytes = size_t{256} * 1024 * 1024;
inline constexpr size_t kMaxUnpackedBytes = size_t{1024} * 1024 * 1024;

/// The fixed 110-byte header of a cpio "newc" (070701) or "crc" (070702) member.
struct CpioHeader {
  uint32_t mode = 0;
  uint64_t file_size = 0;
  uint32_t name_size = 0;  ///< including the terminating NUL
};

/// Parses the header at the start of `bytes`.
Result<CpioHeader> parse_cpio_header(std::string_view bytes);

/// The member names of the cpio newc archive at the start of `bytes`, up to its
/// TRAILER!!!; `*end` gets the offset just after it.
Result<std::vector<std::string>> cpio_names(std::string_view bytes, size_t* end);

/// The member names of the cpio newc archives in a stream that arrives in pieces (what a
/// decompressor produces), zero padding between archives allowed: keeps the names and skips
/// the members' data without storing them, so a 200 MB unpacked initramfs costs no more
/// memory than one piece.
class CpioStream {
 public:
  /// What bytes that start no cpio archive (at the start, or after an archive and its
  /// padding) are: an error (inside a decompressed stream), or where feeding stops (in the
  /// image itself, where a compressed stream may follow).
  enum Mode { kOnlyArchives, kStopAtOther };
  explicit CpioStream(Mode mode = kOnlyArchives) : mode_(mode) {}

  /// The next bytes of the stream; how many of them belong to archives or their padding
  /// (all, unless kStopAtOther stopped); an error for an archive that is not newc.
  Result<size_t> feed(std::string_view bytes);
  /// The names, once the stream has ended; an error if it ended inside a member.
  Result<std::vector<std::string>> finish();

 private:
  enum class State { kBetween, kHeader, kName, kSkip };
  void advance(std::string_view* bytes, size_t n);
  Result<void> start_archive(std::string_view bytes);
  /// Appends to pending_ up to `want` bytes in all; true when it has them.
  bool gather(std::string_view* bytes, size_t want);

  Mode mode_;
  State state_ = State::kBetween;
  std::string pending_;          ///< the header or the name being gathered
  CpioHeader header_;            ///< the member whose name or data comes
  uint64_t skip_ = 0;            ///< bytes of data and padding still to skip
  bool trailer_ = false;         ///< the member being skipped is TRAILER!!!
  uint64_t archive_offset_ = 0;  ///< from the archive's first header: newc aligns to 4 from there
  uint64_t offset_ = 0;          ///< in the whole stream, for the messages
  std::vector<std::string> names_;
};

/// Reads up to `size` bytes of an image into `buffer`: how many, 0 at its end.
using ByteSource = std::function<Result<size_t>(char* buffer, size_t size)>;

/// The file names inside an initramfs image: one or more cpio newc archives, each plain
/// or compressed with gzip, xz, zstd or lz4 (the legacy format of `lz4 -l`, the only one the
/// kernel unpacks; a frame-format lz4 image is an error), one
/// after another with zero padding between them (an early microcode archive, then the
/// main one), as the kernel unpacks them. Read as it is decompressed, a chunk at a time.
Result<std::vector<std::string>> initramfs_files(const ByteSource& source);
/// The same for an image in memory.
Result<std::vector<std::string>> initramfs_files(std::string_view image);

}  // namespace image_agent::precheck

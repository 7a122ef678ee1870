// The initramfs as the kernel unpacks it (Documentation/driver-api/early-userspace):
// concatenated cpio newc archives, each possibly compressed. Decompression is the
// libraries' (zlib, liblzma, libzstd, liblz4); only the cpio framing is read here.
#include "precheck/facts/initramfs.h"

#include <lz4.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <iterator>
#include <memory>

namespace image_agent::precheck {
namespace {

constexpr size_t kHeaderSize = 110;
// Small, as the memory precheck may use is (issue 16: 8 MiB); the calls cost nothing beside
// the decompression. zstd keeps its window (4 MiB for Debian 12's) whatever this is.
constexpr size_t kChunk = size_t{128} << 10;
constexpr uint32_t kMaxName = 4096;

uint64_t align4(uint64_t n) {
  return (n + 3) & ~uint64_t{3};
}

bool hex_field(std::string_view bytes, size_t index, uint32_t* value) {
  std::string_view field = bytes.substr(6 + index * 8, 8);
  auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), *value, 16);
  return ec == std::errc() && ptr == field.data() + field.size();
}

Error too_big() {
  return Error{"the initramfs unpacks to more than 1 GiB"};
}

/// Hands what a library decompressed to the archive reader, within the limit.
Result<void> emit(CpioStream* out, size_t* total, const char* data, size_t size) {
  *total += size;
  if (*total > kMaxUnpackedBytes) return too_big();
  if (Result<size_t> fed = out->feed(std::string_view(data, size)); !fed) return fed.error();
  return {};
}

/// The magic numbers of the formats an initramfs may be compressed with (gzip, xz, zstd,
/// lz4 frame and legacy, bzip2, lzo, lzma).
constexpr std::string_view kCompressionMagics[] = {{"\x1f\x8b", 2},         {"\xfd\x37\x7a\x58\x5a", 5},
                                                   {"\x28\xb5\x2f\xfd", 4}, {"\x04\x22\x4d\x18", 4},
                                                   {"\x02\x21\x4c\x18", 4}, {"BZh", 3},
                                                   {"\x89LZO", 4},          {"\x5d\x00\x00", 3}};

bool compressed(std::string_view bytes) {
  return std::any_of(std::begin(kCompressionMagics), std::end(kCompressionMagics),
                     [&](std::string_view magic) { return bytes.starts_with(magic); });
}

/// The initramfs read piece by piece: at most a chunk (an lz4 block) in memory at a time.
class Reader {
 public:
  explicit Reader(const ByteSource& source) : source_(source) {}

  /// What is buffered from the current position on: at least `n` bytes, fewer only at
  /// the end of the image.
  Result<std::string_view> peek(size_t n) {
    if (buffer_.size() - pos_ < n && !end_) {
      buffer_.erase(0, pos_);
      pos_ = 0;
      while (buffer_.size() < n && !end_) {
        const size_t had = buffer_.size();
        buffer_.resize(std::max(n, kChunk));
        Result<size_t> got = source_(buffer_.data() + had, buffer_.size() - had);
        if (!got) return got.error();
        buffer_.resize(had + *got);
        end_ = *got == 0;
        read_ += *got;
        if (read_ > kMaxInitramfsBytes) return Error{"the initramfs is larger than 256 MiB"};
      }
    }
    return std::string_view(buffer_).substr(pos_);
  }
  void consume(size_t n) {
    pos_ += n;
    offset_ += n;
  }
  uint64_t offset() const { return offset_; }

 private:
  const ByteSource& source_;
  std::string buffer_;
  size_t pos_ = 0;
  uint64_t offset_ = 0;
  uint64_t read_ = 0;
  bool end_ = false;
};

Result<void> gunzip(Reader* in, CpioStream* out) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return Error{"gzip: cannot initialise zlib"};
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&z, inflateEnd);
  size_t total = 0;
  std::unique_ptr<char[]> buffer(new char[kChunk]);
  for (;;) {
    Result<std::string_view> input = in->peek(1);
    if (!input) return input.error();
    z.next_in =
        reinterpret_cast<Bytef*>(const_cast<char*>(input->data()));  // NOLINT: zlib's API is not const
    z.avail_in = static_cast<uInt>(std::min(input->size(), size_t{UINT32_MAX}));
    z.next_out = reinterpret_cast<Bytef*>(buffer.get());
    z.avail_out = kChunk;
    int rc = inflate(&z, Z_NO_FLUSH);
    in->consume(std::min(input->size(), size_t{UINT32_MAX}) - z.avail_in);
    if (auto r = emit(out, &total, buffer.get(), kChunk - z.avail_out); !r) return r;
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK)
      return Error{std::string("gzip: ") + (z.msg != nullptr ? z.msg : "corrupt or truncated data")};
  }
  return {};
}

Result<void> unxz(Reader* in, CpioStream* out) {
  lzma_stream x = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&x, UINT64_MAX, 0) != LZMA_OK) return Error{"xz: cannot initialise liblzma"};
  std::unique_ptr<lzma_stream, void (*)(lzma_stream*)> guard(&x, lzma_end);
  size_t total = 0;
  std::unique_ptr<char[]> buffer(new char[kChunk]);
  for (;;) {
    Result<std::string_view> input = in->peek(1);
    if (!input) return input.error();
    x.next_in = reinterpret_cast<const uint8_t*>(input->data());
    x.avail_in = input->size();
    x.next_out = reinterpret_cast<uint8_t*>(buffer.get());
    x.avail_out = kChunk;
    lzma_ret rc = lzma_code(&x, input->empty() ? LZMA_FINISH : LZMA_RUN);
    in->consume(input->size() - x.avail_in);
    if (auto r = emit(out, &total, buffer.get(), kChunk - x.avail_out); !r) return r;
    if (rc == LZMA_STREAM_END) break;
    if (rc != LZMA_OK)
      return Error{"xz: corrupt or truncated data (liblzma error " + std::to_string(rc) + ")"};
  }
  return {};
}

Result<void> unzstd(Reader* in, CpioStream* out) {
  std::unique_ptr<ZSTD_DStream, size_t (*)(ZSTD_DStream*)> stream(ZSTD_createDStream(), ZSTD_freeDStream);
  if (!stream) return Error{"zstd: cannot initialise libzstd"};
  size_t total = 0;
  std::unique_ptr<char[]> buffer(new char[kChunk]);
  for (;;) {
    Result<std::string_view> bytes = in->peek(1);
    if (!bytes) return bytes.error();
    ZSTD_inBuffer input{bytes->data(), bytes->size(), 0};
    ZSTD_outBuffer output{buffer.get(), kChunk, 0};
    size_t rc = ZSTD_decompressStream(stream.get(), &output, &input);
    if (ZSTD_isError(rc)) return Error{std::string("zstd: ") + ZSTD_getErrorName(rc)};
    in->consume(input.pos);
    if (auto r = emit(out, &total, buffer.get(), output.pos); !r) return r;
    if (rc == 0) break;  // a whole frame
    if (bytes->empty() && output.pos < output.size) return Error{"zstd: truncated data"};
  }
  return {};
}

uint32_t le32(std::string_view bytes, size_t at) {
  return static_cast<uint32_t>(static_cast<uint8_t>(bytes[at])) |
         static_cast<uint32_t>(static_cast<uint8_t>(bytes[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(bytes[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(bytes[at + 3])) << 24;
}

/// `lz4 -l` (what initramfs-tools and dracut use, and the only lz4 format the kernel unpacks): a magic, then
/// blocks of at most 8 MiB each preceded by its compressed size, until the input ends or a new magic begins.
Result<void> unlz4_legacy(Reader* in, CpioStream* out) {
  constexpr uint32_t kLegacyMagic = 0x184C2102;
  constexpr int kBlock = 8 << 20;
  size_t total = 0;
  std::unique_ptr<char[]> buffer(new char[kBlock]);
  in->consume(4);
  for (;;) {
    Result<std::string_view> bytes = in->peek(4);
    if (!bytes) return bytes.error();
    if (bytes->size() < 4) break;
    uint32_t size = le32(*bytes, 0);
    if (size == kLegacyMagic) {
      in->consume(4);
      continue;
    }
    if (size == 0 || size > static_cast<uint32_t>(LZ4_compressBound(kBlock))) break;
    bytes = in->peek(4 + size);
    if (!bytes) return bytes.error();
    if (bytes->size() < 4 + size) break;
    int n = LZ4_decompress_safe(bytes->data() + 4, buffer.get(), static_cast<int>(size), kBlock);
    if (n < 0) return Error{"lz4: corrupt data in a legacy-format block"};
    in->consume(4 + size);
    if (auto r = emit(out, &total, buffer.get(), static_cast<size_t>(n)); !r) return r;
  }
  return {};
}

/// Decompresses the stream at the reader's position and lists the archives inside it,
/// read as they come out of the decompressor.
Result<std::vector<std::string>> unpack_compressed(Reader* in) {
  Result<std::string_view> head = in->peek(6);
  if (!head) return head.error();
  std::string_view rest = *head;
  CpioStream archives;
  Result<void> data = Error{};
  if (rest.starts_with("\x1f\x8b")) {
    data = gunzip(in, &archives);
  } else if (rest.starts_with("\xfd"
                              "7zXZ")) {
    data = unxz(in, &archives);
  } else if (rest.starts_with("\x28\xb5\x2f\xfd")) {
    data = unzstd(in, &archives);
  } else if (rest.starts_with("\x04\x22\x4d\x18")) {
    // The kernel's unlz4 reads only the legacy format: a frame-format image does not boot.
    return Error{"compressed with lz4 in frame format, which the kernel cannot unpack (it needs lz4 -l)"};
  } else if (rest.starts_with("\x02\x21\x4c\x18")) {
    data = unlz4_legacy(in, &archives);
  } else if (rest.starts_with("BZh") || rest.starts_with("\x89LZO") || rest.starts_with("\x5d\x00\x00")) {
    return Error{"compressed with bzip2, lzo or lzma, which precheck does not read"};
  } else {
    return Error{"not a cpio archive nor a known compression format"};
  }
  if (!data) return data.error();
  return archives.finish();
}

/// The image as the kernel reads it: plain cpio archives, zero padding, and compressed
/// streams of archives, one after another.
Result<std::vector<std::string>> unpack(const ByteSource& source) {
  Reader in(source);
  CpioStream plain(CpioStream::kStopAtOther);
  std::vector<std::string> unpacked;
  for (;;) {
    Result<std::string_view> bytes = in.peek(1);
    if (!bytes) return bytes.error();
    if (bytes->empty()) break;
    const uint64_t at = in.offset();
    Result<size_t> used = plain.feed(*bytes);
    if (!used) return used.error();
    in.consume(*used);
    if (*used == bytes->size()) continue;
    // Something other than a cpio archive where one could start: a compressed stream.
    const uint64_t start = at + *used;
    Result<std::vector<std::string>> found = unpack_compressed(&in);
    if (!found) return Error{found.error().message + " (at offset " + std::to_string(start) + ")"};
    unpacked.insert(unpacked.end(), found->begin(), found->end());
    if (in.offset() == start) break;
  }
  Result<std::vector<std::string>> names = plain.finish();
  if (!names) return names.error();
  names->insert(names->end(), unpacked.begin(), unpacked.end());
  return names;
}

}  // namespace

Result<CpioHeader> parse_cpio_header(std::string_view bytes) {
  if (bytes.size() < kHeaderSize) return Error{"cpio: truncated header"};
  if (!bytes.starts_with("070701") && !bytes.starts_with("070702"))
    return Error{"cpio: not a newc header (magic " + std::string(bytes.substr(0, 6)) + ")"};
  uint32_t fields[13];
  for (size_t i = 0; i < 13; ++i)
    if (!hex_field(bytes, i, &fields[i])) return Error{"cpio: bad hex in header field " + std::to_string(i)};
  CpioHeader header;
  header.mode = fields[1];
  header.file_size = fields[6];
  header.name_size = fields[11];
  if (header.name_size == 0) return Error{"cpio: empty name"};
  return header;
}

Result<std::vector<std::string>> cpio_names(std::string_view bytes, size_t* end) {
  std::vector<std::string> names;
  size_t pos = 0;
  for (;;) {
    Result<CpioHeader> header = parse_cpio_header(bytes.substr(pos));
    if (!header) return header.error();
    size_t name_at = pos + kHeaderSize;
    if (header->name_size > bytes.size() - name_at) return Error{"cpio: truncated name"};
    std::string name(bytes.substr(name_at, header->name_size - 1));
    size_t data_at = align4(name_at + header->name_size);
    if (data_at > bytes.size() || header->file_size > bytes.size() - data_at)
      return Error{"cpio: truncated data of " + name};
    pos = align4(data_at + header->file_size);
    if (name == "TRAILER!!!") break;
    names.push_back(std::move(name));
  }
  *end = std::min(pos, bytes.size());
  return names;
}

void CpioStream::advance(std::string_view* bytes, size_t n) {
  bytes->remove_prefix(n);
  archive_offset_ += n;
  offset_ += n;
}

bool CpioStream::gather(std::string_view* bytes, size_t want) {
  const size_t n = std::min(want - pending_.size(), bytes->size());
  pending_.append(bytes->substr(0, n));
  advance(bytes, n);
  return pending_.size() == want;
}

Result<void> CpioStream::start_archive(std::string_view bytes) {
  const std::string at = " (at offset " + std::to_string(offset_) + ")";
  // The magic may be split between two pieces: judge it on what is here.
  if (std::string_view("07070").starts_with(bytes.substr(0, 5))) return {};
  if (compressed(bytes)) return Error{"a compressed archive inside a compressed archive" + at};
  return Error{"not a cpio archive nor a known compression format" + at};
}

Result<size_t> CpioStream::feed(std::string_view bytes) {
  const size_t size = bytes.size();
  while (!bytes.empty()) {
    switch (state_) {
      case State::kBetween: {
        const size_t zeros = std::min(bytes.find_first_not_of('\0'), bytes.size());
        advance(&bytes, zeros);
        if (bytes.empty()) break;
        if (auto r = start_archive(bytes); !r) {
          if (mode_ == kStopAtOther) return size - bytes.size();
          return r.error();
        }
        archive_offset_ = 0;
        state_ = State::kHeader;
        break;
      }
      case State::kHeader: {
        if (!gather(&bytes, kHeaderSize)) break;
        Result<CpioHeader> header = parse_cpio_header(pending_);
        if (!header)
          return Error{header.error().message + " (at offset " + std::to_string(offset_ - kHeaderSize) + ")"};
        // The kernel refuses longer names too (init/initramfs.c: PATH_MAX); a bound keeps a
        // corrupt header from gathering the rest of the stream as a name.
        if (header->name_size > kMaxName)
          return Error{"cpio: a name longer than " + std::to_string(kMaxName) + " bytes (at offset " +
                       std::to_string(offset_ - kHeaderSize) + ")"};
        header_ = *header;
        pending_.clear();
        state_ = State::kName;
        break;
      }
      case State::kName: {
        if (!gather(&bytes, header_.name_size)) break;
        pending_.pop_back();  // the NUL
        trailer_ = pending_ == "TRAILER!!!";
        if (!trailer_) names_.push_back(std::move(pending_));
        pending_.clear();
        const uint64_t data_at = align4(archive_offset_);
        skip_ = align4(data_at + header_.file_size) - archive_offset_;
        state_ = State::kSkip;
        break;
      }
      case State::kSkip: {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(skip_, bytes.size()));
        advance(&bytes, n);
        skip_ -= n;
        if (skip_ == 0) state_ = trailer_ ? State::kBetween : State::kHeader;
        break;
      }
    }
  }
  return size;
}

Result<std::vector<std::string>> CpioStream::finish() {
  switch (state_) {
    case State::kBetween:
      return std::move(names_);
    case State::kHeader:
      return Error{"cpio: truncated header"};
    case State::kName:
      return Error{"cpio: truncated name"};
    case State::kSkip:
      // The padding after the trailer may be cut short; anything else is a truncated member.
      if (trailer_) return std::move(names_);
      return Error{"cpio: truncated data of " + (names_.empty() ? std::string() : names_.back())};
  }
  return Error{"cpio: truncated"};
}

Result<std::vector<std::string>> initramfs_files(const ByteSource& source) {
  return unpack(source);
}

Result<std::vector<std::string>> initramfs_files(std::string_view image) {
  const ByteSource from_memory = [&image](char* buffer, size_t size) -> Result<size_t> {
    const size_t n = std::min(size, image.size());
    std::copy_n(image.data(), n, buffer);
    image.remove_prefix(n);
    return n;
  };
  return unpack(from_memory);
}

}  // namespace image_agent::precheck

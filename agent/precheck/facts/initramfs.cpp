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
#include <iterator>
#include <memory>

namespace image_agent::precheck {
namespace {

constexpr size_t kHeaderSize = 110;
constexpr size_t kChunk = size_t{1} << 20;
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
  return out->feed(std::string_view(data, size));
}

Result<void> gunzip(std::string_view in, size_t* consumed, CpioStream* out) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return Error{"gzip: cannot initialise zlib"};
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&z, inflateEnd);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));  // NOLINT: zlib's API is not const
  z.avail_in = static_cast<uInt>(std::min(in.size(), size_t{UINT32_MAX}));
  size_t total = 0;
  std::unique_ptr<char[]> buffer(new char[kChunk]);
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buffer.get());
    z.avail_out = kChunk;
    int rc = inflate(&z, Z_NO_FLUSH);
    if (auto r = emit(out, &total, buffer.get(), kChunk - z.avail_out); !r) return r;
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK)
      return Error{std::string("gzip: ") + (z.msg != nullptr ? z.msg : "corrupt or truncated data")};
  }
  *consumed = z.total_in;
  return {};
}

Result<void> unxz(std::string_view in, size_t* consumed, CpioStream* out) {
  lzma_stream x = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&x, UINT64_MAX, 0) != LZMA_OK) return Error{"xz: cannot initialise liblzma"};
  std::unique_ptr<lzma_stream, void (*)(lzma_stream*)> guard(&x, lzma_end);
  x.next_in = reinterpret_cast<const uint8_t*>(in.data());
  x.avail_in = in.size();
  size_t total = 0;
  std::unique_ptr<char[]> buffer(new char[kChunk]);
  for (;;) {
    x.next_out = reinterpret_cast<uint8_t*>(buffer.get());
    x.avail_out = kChunk;
    lzma_ret rc = lzma_code(&x, x.avail_in == 0 ? LZMA_FINISH : LZMA_RUN);
    if (auto r = emit(out, &total, buffer.get(), kChunk - x.avail_out); !r) return r;
    if (rc == LZMA_STREAM_END) break;
    if (rc != LZMA_OK)
      return Error{"xz: corrupt or truncated data (liblzma error " + std::to_string(rc) + ")"};
  }
  *consumed = x.total_in;
  return {};
}

Result<void> unzstd(std::string_view in, size_t* consumed, CpioStream* out) {
  std::unique_ptr<ZSTD_DStream, size_t (*)(ZSTD_DStream*)> stream(ZSTD_createDStream(), ZSTD_freeDStream);
  if (!stream) return Error{"zstd: cannot initialise libzstd"};
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  size_t total = 0;
  std::unique_ptr<char[]> buffer(new char[kChunk]);
  for (;;) {
    ZSTD_outBuffer output{buffer.get(), kChunk, 0};
    size_t rc = ZSTD_decompressStream(stream.get(), &output, &input);
    if (ZSTD_isError(rc)) return Error{std::string("zstd: ") + ZSTD_getErrorName(rc)};
    if (auto r = emit(out, &total, buffer.get(), output.pos); !r) return r;
    if (rc == 0) break;  // a whole frame
    if (input.pos == input.size && output.pos < output.size) return Error{"zstd: truncated data"};
  }
  *consumed = input.pos;
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
Result<void> unlz4_legacy(std::string_view in, size_t* consumed, CpioStream* out) {
  constexpr uint32_t kLegacyMagic = 0x184C2102;
  constexpr int kBlock = 8 << 20;
  size_t total = 0;
  std::unique_ptr<char[]> buffer(new char[kBlock]);
  size_t pos = 4;
  while (pos + 4 <= in.size()) {
    uint32_t size = le32(in, pos);
    if (size == kLegacyMagic) {
      pos += 4;
      continue;
    }
    if (size == 0 || size > in.size() - pos - 4 || size > static_cast<uint32_t>(LZ4_compressBound(kBlock)))
      break;
    int n = LZ4_decompress_safe(in.data() + pos + 4, buffer.get(), static_cast<int>(size), kBlock);
    if (n < 0) return Error{"lz4: corrupt data in a legacy-format block"};
    if (auto r = emit(out, &total, buffer.get(), static_cast<size_t>(n)); !r) return r;
    pos += 4 + size;
  }
  *consumed = pos;
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

/// Decompresses the stream at the start of `rest` and lists the archives inside it, read
/// as they come out of the decompressor.
Result<std::vector<std::string>> unpack_compressed(std::string_view rest, size_t* consumed) {
  CpioStream archives;
  Result<void> data = Error{};
  if (rest.starts_with("\x1f\x8b")) {
    data = gunzip(rest, consumed, &archives);
  } else if (rest.starts_with("\xfd"
                              "7zXZ")) {
    data = unxz(rest, consumed, &archives);
  } else if (rest.starts_with("\x28\xb5\x2f\xfd")) {
    data = unzstd(rest, consumed, &archives);
  } else if (rest.starts_with("\x04\x22\x4d\x18")) {
    // The kernel's unlz4 reads only the legacy format: a frame-format image does not boot.
    return Error{"compressed with lz4 in frame format, which the kernel cannot unpack (it needs lz4 -l)"};
  } else if (rest.starts_with("\x02\x21\x4c\x18")) {
    data = unlz4_legacy(rest, consumed, &archives);
  } else if (rest.starts_with("BZh") || rest.starts_with("\x89LZO") || rest.starts_with("\x5d\x00\x00")) {
    return Error{"compressed with bzip2, lzo or lzma, which precheck does not read"};
  } else {
    return Error{"not a cpio archive nor a known compression format"};
  }
  if (!data) return data.error();
  return archives.finish();
}

Result<std::vector<std::string>> unpack(std::string_view image) {
  std::vector<std::string> names;
  size_t pos = 0;
  while (pos < image.size()) {
    if (image[pos] == '\0') {  // padding between archives
      ++pos;
      continue;
    }
    std::string_view rest = image.substr(pos);
    size_t used = 0;
    Result<std::vector<std::string>> found =
        rest.starts_with("07070") ? cpio_names(rest, &used) : unpack_compressed(rest, &used);
    if (!found) return Error{found.error().message + " (at offset " + std::to_string(pos) + ")"};
    names.insert(names.end(), found->begin(), found->end());
    if (used == 0) break;
    pos += used;
  }
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

Result<void> CpioStream::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    switch (state_) {
      case State::kBetween: {
        const size_t zeros = std::min(bytes.find_first_not_of('\0'), bytes.size());
        advance(&bytes, zeros);
        if (bytes.empty()) break;
        if (auto r = start_archive(bytes); !r) return r;
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
  return {};
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

Result<std::vector<std::string>> initramfs_files(std::string_view image) {
  return unpack(image);
}

}  // namespace image_agent::precheck

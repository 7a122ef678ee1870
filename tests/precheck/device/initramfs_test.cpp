// The initramfs reader on archives made here with the host's cpio, gzip, xz, zstd and lz4,
// as initramfs-tools and dracut make them: an early uncompressed microcode archive, then
// the compressed main one.
#include <gtest/gtest.h>

#include <algorithm>

#include "platform/process.h"
#include "precheck/facts/initramfs.h"
#include "test_support/temp_dir.h"

namespace image_agent::precheck {
namespace {

using ::image_agent::testing::read_file;
using ::image_agent::testing::TempDir;
using ::image_agent::testing::write_file;

/// Runs a shell command in `dir`; "" when it worked, else why not (a missing tool).
std::string shell(const std::string& dir, const std::string& command) {
  Result<RunResult> run = run_program({"sh", "-c", "cd '" + dir + "' && " + command});
  if (!run) return run.error().message;
  return run->succeeded() ? "" : command + ": " + run->err;
}

class InitramfsArchives : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "early/kernel/x86/microcode/GenuineIntel.bin", "microcode");
    write_file(dir_ / "main/usr/lib/modules/6.1.0-13-amd64/kernel/drivers/block/virtio_blk.ko.zst", "module");
    write_file(dir_ / "main/usr/lib/modules/6.1.0-13-amd64/kernel/drivers/net/virtio_net.ko",
               std::string(70000, 'n'));
    write_file(dir_ / "main/init", "#!/bin/sh\n");
    for (const char* tool : {"cpio", "gzip", "xz", "zstd", "lz4"})
      if (!shell(dir_.path(), std::string("command -v ") + tool).empty())
        GTEST_SKIP() << tool << " is not installed (packaging/install-deps installs it)";
    ASSERT_EQ(shell(dir_ / "early", "find . | sort | cpio -o -H newc --quiet > ../early.cpio"), "");
    ASSERT_EQ(shell(dir_ / "main", "find . | sort | cpio -o -H newc --quiet > ../main.cpio"), "");
  }

  /// early.cpio followed by main.cpio compressed with `compressor` (reading stdin).
  std::string image(const std::string& compressor, bool early = true) {
    std::string error = shell(dir_.path(), compressor + " < main.cpio > main.z");
    EXPECT_EQ(error, "");
    return (early ? read_file(dir_ / "early.cpio") : "") + read_file(dir_ / "main.z");
  }

  static void expect_all(const Result<std::vector<std::string>>& files, bool early = true) {
    ASSERT_TRUE(files) << files.error().message;
    auto has = [&](const std::string& name) {
      return std::find(files->begin(), files->end(), name) != files->end();
    };
    EXPECT_TRUE(has("usr/lib/modules/6.1.0-13-amd64/kernel/drivers/block/virtio_blk.ko.zst"));
    EXPECT_TRUE(has("usr/lib/modules/6.1.0-13-amd64/kernel/drivers/net/virtio_net.ko"));
    EXPECT_TRUE(has("init"));
    EXPECT_EQ(has("kernel/x86/microcode/GenuineIntel.bin"), early);
  }

  TempDir dir_;
};

TEST_F(InitramfsArchives, PlainCpio) {
  expect_all(initramfs_files(read_file(dir_ / "main.cpio")), false);
}

TEST_F(InitramfsArchives, EarlyPlusGzip) {
  expect_all(initramfs_files(image("gzip -9 -n")));
}

TEST_F(InitramfsArchives, EarlyPlusXz) {
  expect_all(initramfs_files(image("xz --check=crc32")));
}

TEST_F(InitramfsArchives, EarlyPlusZstd) {
  expect_all(initramfs_files(image("zstd -q -19")));
}

TEST_F(InitramfsArchives, Lz4FrameFormatIsRefused) {
  // The kernel unpacks only `lz4 -l`: a frame-format initramfs would not boot.
  Result<std::vector<std::string>> files = initramfs_files(image("lz4 -q"));
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message.find("lz4 -l"), std::string::npos) << files.error().message;
}

TEST_F(InitramfsArchives, EarlyPlusLz4Legacy) {
  expect_all(initramfs_files(image("lz4 -q -l")));
}

TEST_F(InitramfsArchives, ZeroPaddingBetweenArchives) {
  std::string padded = read_file(dir_ / "early.cpio") + std::string(512, '\0') + image("zstd -q", false);
  expect_all(initramfs_files(padded));
}

TEST_F(InitramfsArchives, TruncatedOrUnknownDataIsAnError) {
  std::string zstd = image("zstd -q");
  Result<std::vector<std::string>> truncated = initramfs_files(zstd.substr(0, zstd.size() - 40));
  ASSERT_FALSE(truncated);
  EXPECT_NE(truncated.error().message.find("zstd"), std::string::npos) << truncated.error().message;
  Result<std::vector<std::string>> unknown = initramfs_files(read_file(dir_ / "early.cpio") + "garbage!");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("not a cpio archive"), std::string::npos) << unknown.error().message;
}

// The decompressors hand the archive reader pieces of whatever size the library returns:
// a header, a name or a member's data may be split anywhere.
TEST_F(InitramfsArchives, CpioStreamReadsPiecesOfAnySize) {
  const std::string stream = read_file(dir_ / "early.cpio") + std::string(512, '\0') +
                             read_file(dir_ / "main.cpio") + std::string(3, '\0');
  for (size_t piece : {size_t{1}, size_t{3}, size_t{110}, size_t{4093}, stream.size()}) {
    SCOPED_TRACE(piece);
    CpioStream reader;
    for (size_t at = 0; at < stream.size(); at += piece) {
      Result<size_t> fed = reader.feed(std::string_view(stream).substr(at, piece));
      ASSERT_TRUE(fed) << fed.error().message;
    }
    expect_all(reader.finish());
  }
}

// precheck reads the image from its file a chunk at a time: a read may end anywhere, in
// a magic number, a compressed block or a cpio header.
TEST_F(InitramfsArchives, ReadsAnImageFromASourceThatGivesFewBytesAtATime) {
  for (const char* compressor : {"gzip -n", "xz --check=crc32", "zstd -q", "lz4 -q -l"}) {
    SCOPED_TRACE(compressor);
    const std::string bytes = image(compressor) + std::string(4, '\0');
    size_t at = 0;
    const ByteSource trickle = [&](char* buffer, size_t size) -> Result<size_t> {
      const size_t n = std::min({size, size_t{7}, bytes.size() - at});
      bytes.copy(buffer, n, at);
      at += n;
      return n;
    };
    expect_all(initramfs_files(trickle));
  }
}

TEST_F(InitramfsArchives, CpioStreamRefusesWhatTheKernelWouldNot) {
  const std::string main = read_file(dir_ / "main.cpio");
  CpioStream truncated;
  ASSERT_TRUE(truncated.feed(std::string_view(main).substr(0, 300)));
  Result<std::vector<std::string>> names = truncated.finish();
  ASSERT_FALSE(names);
  EXPECT_NE(names.error().message.find("truncated"), std::string::npos) << names.error().message;

  CpioStream nested;
  Result<size_t> fed = nested.feed(main + image("gzip -n", false));
  ASSERT_FALSE(fed);
  EXPECT_NE(fed.error().message.find("compressed archive inside"), std::string::npos) << fed.error().message;

  CpioStream garbage;
  fed = garbage.feed(main + "garbage!");
  ASSERT_FALSE(fed);
  EXPECT_NE(fed.error().message.find("not a cpio archive"), std::string::npos) << fed.error().message;

  // A name longer than PATH_MAX: refused at its header, not gathered to the end.
  std::string long_name = main.substr(0, 110);
  long_name.replace(94, 8, "00100000");
  CpioStream named;
  fed = named.feed(long_name);
  ASSERT_FALSE(fed);
  EXPECT_NE(fed.error().message.find("longer than"), std::string::npos) << fed.error().message;
}

}  // namespace
}  // namespace image_agent::precheck

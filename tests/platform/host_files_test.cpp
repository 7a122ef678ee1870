// The host-file readers precheck and firstboot use for sysfs and mountinfo.
#include "platform/host_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "test_support/temp_dir.h"

namespace image_agent {
namespace {

using testing::TempDir;
using testing::write_file;

TEST(HostFiles, ReadWholeFileOrFirstLineAndEmptyWhenMissing) {
  TempDir dir;
  write_file(dir / "uuid", "LVM-abc\nsecond\n");
  EXPECT_EQ(read_host_file(dir / "uuid"), "LVM-abc\nsecond\n");
  EXPECT_EQ(read_host_line(dir / "uuid"), "LVM-abc");
  EXPECT_EQ(read_host_file(dir / "missing"), "");
  EXPECT_EQ(read_host_line(dir / "missing"), "");
}

TEST(HostFiles, AFifoWithoutWriterReadsEmptyInsteadOfHanging) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  EXPECT_EQ(read_host_file(dir / "fifo"), "");
}

TEST(HostFiles, DirectoryNamesSortedAndPathsResolved) {
  TempDir dir;
  write_file(dir / "sdb", "");
  write_file(dir / "sda", "");
  std::filesystem::create_symlink(dir / "sda", dir / "link");
  EXPECT_EQ(host_dir_names(dir.path()), (std::vector<std::string>{"link", "sda", "sdb"}));
  EXPECT_TRUE(host_dir_names(dir / "missing").empty());
  EXPECT_EQ(host_real_path(dir / "link"), host_real_path(dir / "sda"));
  EXPECT_FALSE(host_real_path(dir / "missing"));
  EXPECT_TRUE(host_exists(dir / "link"));
  EXPECT_FALSE(host_exists(dir / "missing"));
}

}  // namespace
}  // namespace image_agent

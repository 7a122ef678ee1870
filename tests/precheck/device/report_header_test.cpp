// The report header's system disk: the disk behind the root mount, in image_check's format,
// and nothing when the root is not an image's mount.
#include <gtest/gtest.h>

#include "guest.h"
#include "precheck/report.h"

namespace image_agent::precheck {
namespace {

using testing::Guest;

constexpr uint64_t kGiB = uint64_t{1} << 30;

TEST(ReportHeaderDisk, SizeIsABareNumberOfGiB) {
  Guest guest;
  guest.fake_disk("vda", 42 * kGiB, 1, 1);
  const ReportHeader h = gather_header(guest.context());
  EXPECT_EQ(h.system_disk_size, "42") << "the seed's \"42\": no unit";
  EXPECT_EQ(h.system_disk, "vda");
  EXPECT_EQ(h.system_disk_bytes, 42 * kGiB);
  EXPECT_EQ(h.system_disk_unknown, "");
}

TEST(ReportHeaderDisk, PartOfAGiBRoundsUp) {
  // The size entered at import must hold the whole disk: 40 GiB and a sector is 41.
  Guest guest;
  guest.fake_disk("vda", 40 * kGiB + 512, 1, 1);
  EXPECT_EQ(gather_header(guest.context()).system_disk_size, "41");
}

TEST(ReportHeaderDisk, PlainDirectoryInsideADiskShowsNotThatDisk) {
  // --root names a directory of a file system mounted higher up (the host's, here its
  // parent): that disk is not the image's.
  Guest guest;
  const std::string parent = guest.root().substr(0, guest.root().rfind('/'));
  guest.fake_disk("vda", 42 * kGiB, 1, 1, parent);
  const ReportHeader h = gather_header(guest.context());
  EXPECT_EQ(h.system_disk_size, "");
  EXPECT_EQ(h.system_disk, "");
  EXPECT_FALSE(h.system_disk_bytes);
  EXPECT_NE(h.system_disk_unknown.find("is a directory, not the mount point"), std::string::npos)
      << h.system_disk_unknown;
}

TEST(ReportHeaderDisk, PlainDirectoryOnThisHostShowsNoSize) {
  Guest guest;
  guest.real_host();
  const ReportHeader h = gather_header(guest.context());
  EXPECT_EQ(h.system_disk_size, "") << "the host's disk leaked into the header";
  EXPECT_FALSE(h.system_disk_bytes);
  EXPECT_NE(h.system_disk_unknown, "");
}

TEST(ReportHeaderDisk, AgreesWithTheDiskSizeItem) {
  Guest guest;
  guest.fake_disk("vda", 20 * kGiB, 1, 1);
  const Verdict item = guest.run("disk_size");
  const ReportHeader h = gather_header(guest.context());
  EXPECT_EQ(h.system_disk_size, "20");
  EXPECT_NE(item.comment.find("vda is 20.0 GiB"), std::string::npos) << item.comment;
}

}  // namespace
}  // namespace image_agent::precheck

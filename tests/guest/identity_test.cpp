// Who the guest is, by os-release or, on older guests, a distribution's *-release file.
#include "guest/identity.h"

#include <gtest/gtest.h>

#include "test_support/temp_dir.h"

namespace image_agent::guest {
namespace {

using image_agent::testing::TempDir;
using image_agent::testing::write_file;

GuestIdentity identify(const TempDir& root) {
  Result<RootFs> fs = RootFs::open(root.path());
  EXPECT_TRUE(fs);
  return identify_guest(*fs);
}

TEST(GuestIdentity, OsReleaseWithAnIdWins) {
  TempDir root;
  write_file(root / "usr/lib/os-release",
             "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n");
  write_file(root / "etc/debian_version", "12.8\n");
  GuestIdentity guest = identify(root);
  ASSERT_TRUE(guest.os_release);
  EXPECT_EQ(guest.os_release->id, "debian");
  EXPECT_EQ(guest.os_release_path, "/usr/lib/os-release");
  EXPECT_TRUE(guest.release_file.empty());
}

TEST(GuestIdentity, CentOs6HasOnlyRedhatRelease) {
  TempDir root;
  write_file(root / "etc/redhat-release", "CentOS release 6.10 (Final)\n");
  write_file(root / "etc/system-release", "");  // empty: names nothing
  GuestIdentity guest = identify(root);
  EXPECT_FALSE(guest.os_release);
  EXPECT_EQ(guest.release_file, "/etc/redhat-release");
}

TEST(GuestIdentity, OsReleaseWithoutIdIsNoted) {
  TempDir root;
  write_file(root / "etc/os-release", "NAME=Mystery\n");
  GuestIdentity guest = identify(root);
  EXPECT_FALSE(guest.os_release);
  EXPECT_EQ(guest.without_id, (std::vector<std::string>{"/etc/os-release"}));
  EXPECT_TRUE(guest.release_file.empty());
}

}  // namespace
}  // namespace image_agent::guest

#include "platform/os_release.h"

#include <gtest/gtest.h>

#include "platform/process.h"
#include "test_support/temp_dir.h"

namespace image_agent {
namespace {

TEST(ParseOsRelease, ReadsFieldsAndFallsBackLikeTheSpec) {
  OsRelease rhel = parse_os_release(
      "NAME=\"Red Hat Enterprise Linux\"\nVERSION_ID=\"8.9\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\n"
      "PRETTY_NAME=\"Red Hat Enterprise Linux 8.9 (Ootpa)\"\n");
  EXPECT_EQ(rhel.id, "rhel");
  EXPECT_EQ(rhel.id_like, "fedora");
  EXPECT_EQ(rhel.version_id, "8.9");
  EXPECT_EQ(rhel.pretty_name, "Red Hat Enterprise Linux 8.9 (Ootpa)");

  OsRelease bare = parse_os_release("NAME=Alpine\nVERSION_ID=3.19\n");
  EXPECT_EQ(bare.id, "linux");
  EXPECT_EQ(bare.pretty_name, "Alpine 3.19");
  EXPECT_EQ(parse_os_release("").pretty_name, "Linux");
}

TEST(ReadOsRelease, FallsBackToUsrLib) {
  testing::TempDir dir;
  testing::write_file(dir / "usr/lib/os-release", "ID=opensuse-leap\nVERSION_ID=\"15.5\"\n");
  Result<RootFs> fs = RootFs::open(dir.path());
  ASSERT_TRUE(fs);
  Result<OsRelease> release = read_os_release(*fs);
  ASSERT_TRUE(release) << release.error().message;
  EXPECT_EQ(release->id, "opensuse-leap");
  testing::write_file(dir / "etc/os-release", "ID=sles\n");
  EXPECT_EQ(read_os_release(*fs)->id, "sles");
}

TEST(ReadOsRelease, AgreesWithAShellOnThisMachine) {
  Result<RootFs> fs = RootFs::open("/");
  ASSERT_TRUE(fs);
  Result<OsRelease> release = read_os_release(*fs);
  ASSERT_TRUE(release) << release.error().message;
  Result<RunResult> shell = run_program(
      {"/bin/sh", "-c", ". /etc/os-release && printf '%s|%s|%s' \"$ID\" \"$VERSION_ID\" \"$PRETTY_NAME\""});
  ASSERT_TRUE(shell);
  EXPECT_EQ(release->id + "|" + release->version_id + "|" + release->pretty_name, shell->out);
}

}  // namespace
}  // namespace image_agent

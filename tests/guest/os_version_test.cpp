// The guest's version, as precisely as os-release and the distribution's *-release files state it.
#include "guest/os_version.h"

#include <gtest/gtest.h>

#include "test_support/temp_dir.h"

namespace image_agent::guest {
namespace {

using image_agent::testing::TempDir;
using image_agent::testing::write_file;

TEST(ParseReleaseFileVersion, ReadsEachDistributionsLine) {
  struct Case {
    const char* text;
    const char* version;
  };
  for (const Case& c : {
           Case{"CentOS Linux release 7.4.1708 (Core)\n", "7.4.1708"},
           Case{"CentOS release 6.10 (Final)\n", "6.10"},
           Case{"Red Hat Enterprise Linux release 9.3 (Plow)\n", "9.3"},
           Case{"Oracle Linux Server release 7.9\n", "7.9"},
           Case{"Fedora release 39 (Thirty Nine)\n", "39"},
           Case{"Amazon Linux AMI release 2018.03\n", "2018.03"},
           Case{"DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\n", "22.04"},
           Case{"SUSE Linux Enterprise Server 12 (x86_64)\nVERSION = 12\nPATCHLEVEL = 3\n", "12.3"},
           Case{"SUSE Linux Enterprise Server 11 (x86_64)\nVERSION = 11\n", "11"},
           Case{"CentOS Stream release 8\n", "8"},
           Case{"Rolling release (x86_64)\n", ""},
           Case{"", ""},
       }) {
    EXPECT_EQ(parse_release_file_version(c.text), c.version) << c.text;
  }
}

TEST(MajorMinorVersion, SplitAtDots) {
  EXPECT_EQ(major_version("7.4.1708"), "7");
  EXPECT_EQ(minor_version("7.4.1708"), "4");
  EXPECT_EQ(major_version("22.04"), "22");
  EXPECT_EQ(minor_version("22.04"), "04") << "as written, not as a number";
  EXPECT_EQ(major_version("12"), "12");
  EXPECT_EQ(minor_version("12"), "") << "no minor: empty, never a guess";
  EXPECT_EQ(major_version(""), "");
  EXPECT_EQ(minor_version(""), "");
}

OsVersion version_of(const TempDir& root) {
  Result<RootFs> fs = RootFs::open(root.path());
  EXPECT_TRUE(fs);
  return read_os_version(*fs);
}

TEST(ReadOsVersion, CentOs7TakesTheMinorFromCentosRelease) {
  TempDir root;
  write_file(root / "etc/os-release", "NAME=\"CentOS Linux\"\nID=\"centos\"\nVERSION_ID=\"7\"\n");
  write_file(root / "etc/centos-release", "CentOS Linux release 7.4.1708 (Core)\n");
  OsVersion version = version_of(root);
  EXPECT_EQ(version.full, "7.4.1708");
  EXPECT_EQ(version.source, "/etc/centos-release");
}

TEST(ReadOsVersion, OsReleaseStandsWhenNoFileRefinesIt) {
  TempDir root;
  write_file(root / "usr/lib/os-release", "ID=rhel\nVERSION_ID=\"8.9\"\n");
  write_file(root / "etc/redhat-release", "Red Hat Enterprise Linux release 8.9 (Ootpa)\n");
  write_file(root / "etc/lsb-release", "DISTRIB_RELEASE=7.1\n");  // another release's leftover
  OsVersion version = version_of(root);
  EXPECT_EQ(version.full, "8.9");
  EXPECT_EQ(version.source, "/usr/lib/os-release");
}

TEST(ReadOsVersion, CentOs6HasOnlyRedhatRelease) {
  TempDir root;
  write_file(root / "etc/redhat-release", "CentOS release 6.10 (Final)\n");
  OsVersion version = version_of(root);
  EXPECT_EQ(version.full, "6.10");
  EXPECT_EQ(version.source, "/etc/redhat-release");
}

TEST(ReadOsVersion, NothingStatedIsEmpty) {
  TempDir root;
  write_file(root / "etc/os-release", "ID=arch\nNAME=\"Arch Linux\"\n");
  OsVersion version = version_of(root);
  EXPECT_EQ(version.full, "");
  EXPECT_EQ(version.source, "");
}

}  // namespace
}  // namespace image_agent::guest

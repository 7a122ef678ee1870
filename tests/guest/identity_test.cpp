// Who the guest is, by os-release or, on older guests, a distribution's *-release file.
#include "guest/identity.h"

#include <gtest/gtest.h>

#include "test_support/legacy_roots.h"
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

TEST(ParseReleaseFile, ReadsEachDistributionsFileAsOsRelease) {
  struct Case {
    const char* text;
    const char* id;  // "" = names no distribution
    const char* name;
    const char* version;
    const char* pretty;
  };
  for (const Case& c : {
           Case{"CentOS release 6.10 (Final)\n", "centos", "CentOS", "6.10", "CentOS release 6.10 (Final)"},
           Case{"CentOS release 5.11 (Final)\n", "centos", "CentOS", "5.11", "CentOS release 5.11 (Final)"},
           Case{"Red Hat Enterprise Linux Server release 6.10 (Santiago)\n", "rhel",
                "Red Hat Enterprise Linux", "6.10",
                "Red Hat Enterprise Linux Server release 6.10 (Santiago)"},
           Case{"Oracle Linux Server release 6.10\n", "ol", "Oracle Linux", "6.10",
                "Oracle Linux Server release 6.10"},
           Case{"Enterprise Linux Enterprise Linux Server release 5.11 (Carthage)\n", "ol", "Oracle Linux",
                "5.11", "Enterprise Linux Enterprise Linux Server release 5.11 (Carthage)"},
           Case{"Scientific Linux release 6.10 (Carbon)\n", "scientific", "Scientific Linux", "6.10",
                "Scientific Linux release 6.10 (Carbon)"},
           Case{"SUSE Linux Enterprise Server 11 (x86_64)\nVERSION = 11\nPATCHLEVEL = 4\n", "sles",
                "SUSE Linux Enterprise Server", "11.4", "SUSE Linux Enterprise Server 11 (x86_64)"},
           Case{"SUSE LINUX Enterprise Server 9 (i586)\nVERSION = 9\n", "sles",
                "SUSE Linux Enterprise Server", "9", "SUSE LINUX Enterprise Server 9 (i586)"},
           Case{"openSUSE 13.1 (x86_64)\nVERSION = 13.1\nCODENAME = Bottle\n", "opensuse", "openSUSE", "13.1",
                "openSUSE 13.1 (x86_64)"},
           Case{"DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=12.04\nDISTRIB_CODENAME=precise\n"
                "DISTRIB_DESCRIPTION=\"Ubuntu 12.04.5 LTS\"\n",
                "ubuntu", "Ubuntu", "12.04", "Ubuntu 12.04.5 LTS"},
           Case{"Mystery Linux release 3.2 (Odd)\n", "linux", "Mystery Linux", "3.2",
                "Mystery Linux release 3.2 (Odd)"},
           Case{"LSB_VERSION=base-4.0-amd64:base-4.0-noarch:core-4.0-amd64\n", "", "", "", ""},
           Case{"", "", "", "", ""},
       }) {
    std::optional<OsRelease> release = parse_release_file(c.text);
    if (*c.id == '\0') {
      EXPECT_FALSE(release) << c.text;
      continue;
    }
    ASSERT_TRUE(release) << c.text;
    EXPECT_EQ(release->id, c.id) << c.text;
    EXPECT_EQ(release->name, c.name) << c.text;
    EXPECT_EQ(release->version_id, c.version) << c.text;
    EXPECT_EQ(release->pretty_name, c.pretty) << c.text;
  }
}

TEST(GuestIdentity, CentOs6RootIsCentOs) {
  TempDir root;
  image_agent::testing::make_centos6_root(root.path());
  GuestIdentity guest = identify(root);
  ASSERT_NE(guest.os(), nullptr);
  EXPECT_EQ(guest.os()->id, "centos");
  EXPECT_EQ(guest.os()->name, "CentOS");
  EXPECT_EQ(guest.os()->version_id, "6.10");
  EXPECT_EQ(guest.source(), "/etc/centos-release");
}

TEST(GuestIdentity, Sle11RootIsSles) {
  TempDir root;
  image_agent::testing::make_sle11_root(root.path());
  GuestIdentity guest = identify(root);
  ASSERT_NE(guest.os(), nullptr);
  EXPECT_EQ(guest.os()->id, "sles");
  EXPECT_EQ(guest.os()->version_id, "11.4");
  EXPECT_EQ(guest.source(), "/etc/SuSE-release");
}

TEST(GuestIdentity, TheDistributionsOwnFileBeatsTheSharedOnes) {
  // Oracle Linux 6 keeps a redhat-release that says Red Hat; redhat-lsb adds an
  // lsb-release with LSB_VERSION only.
  TempDir ol;
  write_file(ol / "etc/lsb-release", "LSB_VERSION=base-4.0-amd64:base-4.0-noarch\n");
  write_file(ol / "etc/redhat-release", "Red Hat Enterprise Linux Server release 6.10 (Santiago)\n");
  write_file(ol / "etc/oracle-release", "Oracle Linux Server release 6.10\n");
  write_file(ol / "etc/system-release", "Oracle Linux Server release 6.10\n");
  GuestIdentity guest = identify(ol);
  ASSERT_NE(guest.os(), nullptr);
  EXPECT_EQ(guest.os()->id, "ol");
  EXPECT_EQ(guest.source(), "/etc/oracle-release");
  TempDir rhel;
  write_file(rhel / "etc/lsb-release", "LSB_VERSION=base-4.0-amd64:base-4.0-noarch\n");
  write_file(rhel / "etc/redhat-release", "Red Hat Enterprise Linux Server release 6.10 (Santiago)\n");
  guest = identify(rhel);
  ASSERT_NE(guest.os(), nullptr);
  EXPECT_EQ(guest.os()->id, "rhel");
  EXPECT_EQ(guest.release_file, "/etc/redhat-release") << "lsb-release names no distribution";
}

TEST(GuestIdentity, OsReleaseStaysTheSource) {
  TempDir root;
  write_file(root / "etc/os-release", "NAME=\"CentOS Linux\"\nID=\"centos\"\nVERSION_ID=\"7\"\n");
  write_file(root / "etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n");
  GuestIdentity guest = identify(root);
  ASSERT_NE(guest.os(), nullptr);
  EXPECT_EQ(guest.os()->name, "CentOS Linux");
  EXPECT_EQ(guest.source(), "/etc/os-release");
  EXPECT_FALSE(guest.from_release_file);
}

}  // namespace
}  // namespace image_agent::guest

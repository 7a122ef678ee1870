// selinux, lib, system_dirs, release, ssh_host_keys, sensitive_data, machine_id,
// rtc_utc, os_supported on synthetic roots; and a root that passes every system item.
#include <gtest/gtest.h>

#include "guest/cloud_credentials.h"
#include "precheck/registry.h"
#include "support.h"

namespace image_agent::precheck::testing {
namespace {

TEST(SystemItems, AGoodRootPassesEveryItem) {
  SyntheticRoot r;
  make_good_root(r);
  for (const Item& item : system_items()) {
    for (const char* profile : {"aliyun", "aliyun-customized", "oci", "generic"}) {
      if (item.id == "os_supported" && std::string_view(profile) == "oci") continue;  // Debian is not in it
      Verdict v = run_item(item.id, r.path(), profile);
      EXPECT_EQ(outcome(v), "OK 0") << item.id << " in " << profile << ": " << v.comment;
    }
  }
}

TEST(SystemItems, IdsCodesAndCloudNames) {
  std::span<const Item> items = system_items();
  ASSERT_EQ(items.size(), 21u);
  std::span<const std::string_view> spec = spec_item_ids();
  for (const Item& item : items) {
    auto it = std::find(spec.begin(), spec.end(), item.id);
    ASSERT_NE(it, spec.end()) << item.id;
    EXPECT_EQ(item.code_base, 100 * (it - spec.begin() + 1)) << item.id;
    EXPECT_NE(item.check, nullptr);
    EXPECT_FALSE(item.rule.empty());
  }
  auto cloud_name = [&](std::string_view id) {
    for (const Item& item : items) {
      if (item.id == id) return item.cloud_name;
    }
    return std::string_view("?");
  };
  EXPECT_EQ(cloud_name("shadow"), "shadow file authority");
  EXPECT_EQ(cloud_name("selinux"), "security");
  EXPECT_EQ(cloud_name("qemu_ga"), "qemu-ga");
  EXPECT_EQ(cloud_name("root_account"), "root account");
  EXPECT_EQ(cloud_name("passwd"), "password");
  EXPECT_EQ(cloud_name("dhcp"), "");
}

TEST(SelinuxCheck, FailsWhenEnforcing) {
  SyntheticRoot r;
  r.file("/etc/selinux/config", "SELINUX=enforcing\nSELINUXTYPE=targeted\n");
  Verdict v = run_item("selinux", r.path());
  EXPECT_EQ(outcome(v), "FAILED 401");
  EXPECT_FALSE(v.remediation.empty());
}

TEST(SelinuxCheck, PassesWhenDisabledPermissiveOrAbsent) {
  for (const char* text : {"SELINUX=disabled\n", "SELINUX=permissive\n", "# SELINUX=enforcing\n"}) {
    SyntheticRoot r;
    r.file("/etc/selinux/config", text);
    EXPECT_EQ(outcome(run_item("selinux", r.path())), "OK 0") << text;
  }
  SyntheticRoot none;
  none.dir("/etc");
  EXPECT_EQ(outcome(run_item("selinux", none.path())), "OK 0");
}

TEST(LibCheck, RelativeLinksOrDirectoriesPass) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("lib", r.path())), "OK 0");
  SyntheticRoot dirs;
  dirs.dir("/lib").dir("/lib64");
  EXPECT_EQ(outcome(run_item("lib", dirs.path())), "OK 0");
}

TEST(LibCheck, WarnsOnAnAbsoluteLink) {
  SyntheticRoot r;
  r.dir("/usr/lib").dir("/usr/lib64").link("/usr/lib", "/lib").link("usr/lib64", "/lib64");
  Verdict v = run_item("lib", r.path());
  EXPECT_EQ(outcome(v), "WARNING 1901");
  EXPECT_NE(v.comment.find("/lib -> /usr/lib"), std::string::npos);
}

TEST(LibCheck, WarnsOnAnAbsoluteMultilibLinkOrADanglingOne) {
  SyntheticRoot multilib;
  multilib.dir("/lib").dir("/usr/lib32").link("/usr/lib32", "/lib32");
  EXPECT_EQ(outcome(run_item("lib", multilib.path())), "WARNING 1901");
  SyntheticRoot dangling;
  dangling.dir("/usr/lib").link("usr/lib", "/lib").link("usr/lib64", "/lib64");
  Verdict v = run_item("lib", dangling.path());
  EXPECT_EQ(outcome(v), "WARNING 1902");
  EXPECT_NE(v.comment.find("/lib64 -> usr/lib64"), std::string::npos);
}

TEST(SystemDirsCheck, MergedOrUnmergedPass) {
  SyntheticRoot merged;
  make_good_root(merged);
  EXPECT_EQ(outcome(run_item("system_dirs", merged.path())), "OK 0");
  SyntheticRoot classic;
  classic.dir("/bin").dir("/sbin").dir("/lib").dir("/usr/bin");
  EXPECT_EQ(outcome(run_item("system_dirs", classic.path())), "OK 0");
  SyntheticRoot arch;
  arch.dir("/usr/bin")
      .dir("/usr/lib")
      .link("usr/bin", "/bin")
      .link("usr/bin", "/sbin")
      .link("usr/lib", "/lib");
  arch.link("usr/lib", "/lib64");
  EXPECT_EQ(outcome(run_item("system_dirs", arch.path())), "OK 0");
}

TEST(SystemDirsCheck, FailsPerCause) {
  SyntheticRoot missing;
  missing.dir("/bin").dir("/lib").dir("/usr/bin");
  EXPECT_EQ(outcome(run_item("system_dirs", missing.path())), "FAILED 2001");
  SyntheticRoot dangling;
  dangling.dir("/usr/bin").dir("/sbin").dir("/lib").link("usr/bin", "/bin");
  dangling.link("nowhere", "/lib64");
  EXPECT_EQ(outcome(run_item("system_dirs", dangling.path())), "FAILED 2002");
  SyntheticRoot crossed;
  crossed.dir("/usr/bin").dir("/usr/sbin").dir("/usr/lib");
  crossed.link("usr/sbin", "/bin").link("usr/sbin", "/sbin").link("usr/lib", "/lib");
  EXPECT_EQ(outcome(run_item("system_dirs", crossed.path())), "FAILED 2002");
  SyntheticRoot half;
  half.dir("/usr/bin").dir("/sbin").dir("/lib").link("usr/bin", "/bin");
  EXPECT_EQ(outcome(run_item("system_dirs", half.path())), "FAILED 2003");
}

TEST(ReleaseCheck, PassesWithOsReleaseOrAReleaseFile) {
  SyntheticRoot r;
  make_good_root(r);
  Verdict v = run_item("release", r.path());
  EXPECT_EQ(outcome(v), "OK 0");
  EXPECT_EQ(v.comment, "Debian GNU/Linux 12 (bookworm)");
  SyntheticRoot usr;
  usr.file("/usr/lib/os-release", "ID=fedora\n").dir("/etc");
  EXPECT_EQ(outcome(run_item("release", usr.path())), "OK 0");
  SyntheticRoot old;
  old.file("/etc/redhat-release", "CentOS release 6.10 (Final)\n");
  v = run_item("release", old.path());
  EXPECT_EQ(outcome(v), "OK 0");
  EXPECT_EQ(v.comment, "CentOS release 6.10 (Final), identified by /etc/redhat-release (no os-release)");
  EXPECT_EQ(v.evidence[1], (Evidence{"ID", "centos"}));
}

TEST(ReleaseCheck, FailsWhenNothingIdentifiesTheOs) {
  SyntheticRoot none;
  none.dir("/etc");
  EXPECT_EQ(outcome(run_item("release", none.path())), "FAILED 2401");
  SyntheticRoot no_id;
  no_id.file("/etc/os-release", "NAME=Something\n").file("/etc/lsb-release", "");
  EXPECT_EQ(outcome(run_item("release", no_id.path())), "FAILED 2402");
}

TEST(SshHostKeysCheck, PassesWithoutKeys) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("ssh_host_keys", r.path(), "aliyun-customized")), "OK 0");
}

TEST(SshHostKeysCheck, WarnsOrFailsByProfile) {
  SyntheticRoot r;
  make_good_root(r);
  r.file("/etc/ssh/ssh_host_ed25519_key", "-----BEGIN OPENSSH PRIVATE KEY-----\nSECRET\n", 0600);
  r.file("/etc/ssh/ssh_host_ed25519_key.pub", "ssh-ed25519 AAAA\n");
  Verdict v = run_item("ssh_host_keys", r.path());
  EXPECT_EQ(outcome(v), "WARNING 3001");
  EXPECT_EQ(v.evidence.size(), 2u);
  EXPECT_EQ(v.comment.rfind("2 SSH host key files", 0), 0u) << v.comment;
  EXPECT_EQ(outcome(run_item("ssh_host_keys", r.path(), "aliyun-customized")), "FAILED 3001");
}

TEST(SensitiveDataCheck, PassesOnCleanHomes) {
  SyntheticRoot r;
  make_good_root(r);
  r.file("/root/.bash_history", "");  // empty: nothing leaks
  r.file("/home/alice/.ssh/authorized_keys", "ssh-ed25519 AAAA\n")
      .file("/home/alice/.ssh/id_ed25519.pub", "x\n");
  r.file("/home/alice/.kube/cache/discovery", "cache\n").file("/home/alice/.docker/daemon.json", "{}\n");
  EXPECT_EQ(outcome(run_item("sensitive_data", r.path())), "OK 0");
}

// The list sysprep's cloud-credentials removes (guest/cloud_credentials.h): all of ~/.aws
// (keys in config as well as credentials, tokens in sso/cache and cli/cache), ~/.azure,
// ~/.config/gcloud, ~/.kube/config, ~/.docker/config.json, ...
TEST(SensitiveDataCheck, WarnsForEveryCloudCredentialLocation) {
  for (const char* file :
       {"/home/alice/.aws/config", "/home/alice/.aws/sso/cache/0123abcd.json",
        "/home/alice/.aws/cli/cache/4567.json", "/home/alice/.azure/msal_token_cache.json",
        "/home/alice/.config/gcloud/access_tokens.db", "/home/alice/.kube/config",
        "/home/alice/.docker/config.json", "/root/.aliyun/config.json", "/root/.oci/config"}) {
    SyntheticRoot r;
    make_good_root(r);
    r.file(file, "SECRET\n", 0600);
    Verdict v = run_item("sensitive_data", r.path());
    EXPECT_EQ(outcome(v), "WARNING 3103") << file;
    EXPECT_EQ(v.comment.find("SECRET"), std::string::npos);
  }
  for (const guest::CloudCredential& credential : guest::cloud_credentials()) {
    SyntheticRoot r;
    make_good_root(r);
    r.file("/home/alice/" + std::string(credential.path) + (credential.directory ? "/x" : ""), "SECRET\n",
           0600);
    Verdict v = run_item("sensitive_data", r.path());
    EXPECT_EQ(outcome(v), "WARNING 3103") << credential.path;
    EXPECT_NE(v.comment.find("/home/alice/" + std::string(credential.path)), std::string::npos) << v.comment;
  }
}

TEST(SensitiveDataCheck, WarnsPerCauseWithPathsOnly) {
  SyntheticRoot history;
  make_good_root(history);
  history.file("/root/.bash_history", "mysql -pSECRET\n");
  Verdict v = run_item("sensitive_data", history.path());
  EXPECT_EQ(outcome(v), "WARNING 3101");
  EXPECT_EQ(v.comment.find("SECRET"), std::string::npos);
  for (const auto& [key, value] : v.evidence) EXPECT_EQ(value.find("SECRET"), std::string::npos);

  SyntheticRoot key;
  make_good_root(key);
  key.file("/home/alice/.ssh/deploy",
           "-----BEGIN OPENSSH PRIVATE KEY-----\nSECRET\n-----END OPENSSH PRIVATE KEY-----\n");
  v = run_item("sensitive_data", key.path());
  EXPECT_EQ(outcome(v), "WARNING 3102");
  EXPECT_NE(v.comment.find("/home/alice/.ssh/deploy"), std::string::npos);

  SyntheticRoot cloud;
  make_good_root(cloud);
  cloud.file("/root/.aliyun/config.json", "{\"access_key_secret\": \"SECRET\"}\n");
  EXPECT_EQ(outcome(run_item("sensitive_data", cloud.path())), "WARNING 3103");
  SyntheticRoot orphan;  // a home no account names any more
  make_good_root(orphan);
  orphan.file("/home/gone/.docker/config.json", "{}\n");
  EXPECT_EQ(outcome(run_item("sensitive_data", orphan.path())), "WARNING 3103");
}

TEST(MachineIdCheck, PassesEmptyUninitializedOrAbsent) {
  for (const char* text : {"", "\n", "uninitialized\n"}) {
    SyntheticRoot r;
    r.file("/etc/machine-id", text, 0444);
    EXPECT_EQ(outcome(run_item("machine_id", r.path())), "OK 0") << text;
  }
  SyntheticRoot none;
  none.dir("/etc");
  EXPECT_EQ(outcome(run_item("machine_id", none.path())), "OK 0");
}

TEST(MachineIdCheck, WarnsWhenASymlinkAsSysprepRefusesIt) {
  SyntheticRoot r;
  r.file("/var/lib/dbus/machine-id", "").link("/var/lib/dbus/machine-id", "/etc/machine-id");
  EXPECT_EQ(outcome(run_item("machine_id", r.path())), "WARNING 3202");
}

TEST(MachineIdCheck, WarnsWhenSet) {
  SyntheticRoot r;
  r.file("/etc/machine-id", "4f1c2b3a4d5e6f708192a3b4c5d6e7f8\n", 0444);
  Verdict v = run_item("machine_id", r.path());
  EXPECT_EQ(outcome(v), "WARNING 3201");
  EXPECT_EQ(v.comment.find("4f1c2b3a"), std::string::npos);
}

TEST(RtcUtcCheck, PassesOnUtcOrNoAdjtime) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("rtc_utc", r.path())), "OK 0");
  SyntheticRoot none;
  none.dir("/etc");
  EXPECT_EQ(outcome(run_item("rtc_utc", none.path())), "OK 0");
}

TEST(RtcUtcCheck, WarnsOnLocal) {
  SyntheticRoot r;
  r.file("/etc/adjtime", "0.0 0 0.0\n0\nLOCAL\n");
  EXPECT_EQ(outcome(run_item("rtc_utc", r.path())), "WARNING 3301");
}

TEST(RtcUtcCheck, PreSystemdSettings) {
  struct Case {
    const char* path;
    const char* text;
    const char* want;
  };
  const Case cases[] = {
      {"/etc/sysconfig/clock", "ZONE=\"Asia/Shanghai\"\nUTC=false\n", "WARNING 3302"},
      {"/etc/sysconfig/clock", "ZONE=\"Asia/Shanghai\"\nUTC=true\n", "OK 0"},
      {"/etc/default/rcS", "UTC=no\n", "WARNING 3302"},
      {"/etc/default/rcS", "UTC=yes\n", "OK 0"},
  };
  for (const Case& c : cases) {
    SyntheticRoot r;
    r.file(c.path, c.text);
    EXPECT_EQ(outcome(run_item("rtc_utc", r.path())), c.want) << c.path << " " << c.text;
  }
}

TEST(OsSupportedCheck, OciMatchesIdExactlyAndVersionByPrefix) {
  struct Case {
    const char* os_release;
    const char* want;
  };
  const Case cases[] = {
      {"ID=\"ol\"\nVERSION_ID=\"8.9\"\n", "OK 0"},
      {"ID=ol\nVERSION_ID=9\n", "OK 0"},
      {"ID=ubuntu\nVERSION_ID=\"22.04\"\n", "OK 0"},
      {"ID=\"centos\"\nVERSION_ID=\"7\"\n", "OK 0"},
      {"ID=ubuntu\nVERSION_ID=\"24.04\"\n", "WARNING 3501"},
      {"ID=ol\nVERSION_ID=\"80\"\n", "WARNING 3501"},
      {"ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"8.9\"\n", "WARNING 3501"},
      {"ID=debian\nVERSION_ID=\"12\"\n", "WARNING 3501"},
  };
  for (const Case& c : cases) {
    SyntheticRoot r;
    r.file("/etc/os-release", c.os_release);
    EXPECT_EQ(outcome(run_item("os_supported", r.path(), "oci")), c.want) << c.os_release;
  }
  SyntheticRoot none;
  none.dir("/etc");
  EXPECT_EQ(outcome(run_item("os_supported", none.path(), "oci")), "WARNING 3502");
}

TEST(OsSupportedCheck, WithoutOsReleaseTheReleaseFileIdentifiesTheOs) {
  // Oracle Linux 6 has no os-release; its oracle-release says which OS it is, while its
  // redhat-release claims Red Hat.
  SyntheticRoot ol6;
  ol6.file("/etc/oracle-release", "Oracle Linux Server release 6.10\n")
      .file("/etc/redhat-release", "Red Hat Enterprise Linux Server release 6.10 (Santiago)\n");
  Verdict v = run_item("os_supported", ol6.path(), "oci");
  EXPECT_EQ(outcome(v), "OK 0") << v.comment;
  EXPECT_NE(v.comment.find("(ol:6)"), std::string::npos) << v.comment;
  SyntheticRoot centos6;
  centos6.file("/etc/centos-release", "CentOS release 6.10 (Final)\n");
  v = run_item("os_supported", centos6.path(), "oci");
  EXPECT_EQ(outcome(v), "WARNING 3501") << "CentOS 6 is not in oci's list";
  EXPECT_NE(v.comment.find("(centos:6.10)"), std::string::npos) << v.comment;
}

}  // namespace
}  // namespace image_agent::precheck::testing

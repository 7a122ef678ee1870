// shadow, root_account, passwd, empty_password on synthetic roots.
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support.h"

namespace image_agent::precheck::testing {
namespace {

TEST(ShadowCheck, PassesOnARegularFile) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("shadow", r.path())), "OK 0");
}

TEST(ShadowCheck, FailsWhenMissing) {
  SyntheticRoot r;
  r.dir("/etc");
  Verdict v = run_item("shadow", r.path());
  EXPECT_EQ(outcome(v), "FAILED 301");
  EXPECT_FALSE(v.remediation.empty());
}

TEST(ShadowCheck, FailsWhenASymlink) {
  SyntheticRoot r;
  r.file("/etc/shadow.real", "root:*:1::::::\n").link("shadow.real", "/etc/shadow");
  EXPECT_EQ(outcome(run_item("shadow", r.path())), "FAILED 302");
}

TEST(ShadowCheck, FailsWhenImmutable) {
  SyntheticRoot r;
  r.file("/etc/shadow", "root:*:1::::::\n", 0640);
  int fd = ::open(r.host("/etc/shadow").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  int flags = FS_IMMUTABLE_FL;
  const bool set = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
  if (!set) {
    ::close(fd);
    GTEST_SKIP() << "cannot set the immutable attribute here (needs root and a file system with attributes)";
  }
  Verdict v = run_item("shadow", r.path());
  flags = 0;
  ::ioctl(fd, FS_IOC_SETFLAGS, &flags);  // so the temp dir can be removed
  ::close(fd);
  EXPECT_EQ(outcome(v), "FAILED 303");
}

TEST(RootAccountCheck, PassesWithUidZeroAndAShell) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("root_account", r.path())), "OK 0");
}

TEST(RootAccountCheck, FailsPerCause) {
  struct Case {
    const char* passwd;  // nullptr: no /etc/passwd
    const char* want;
  };
  const Case cases[] = {
      {nullptr, "FAILED 1301"},
      {"alice:x:1000:1000::/home/alice:/bin/bash\n", "FAILED 1302"},
      {"root:x:5:0:root:/root:/bin/bash\n", "FAILED 1303"},
      {"root:x:0:0:root:/root:/bin/zsh\n", "FAILED 1304"},
      {"root:x:0:0:root:/root:\n", "FAILED 1304"},  // empty: /bin/sh, not installed here
      {"root:x:0:0:root:/root:/usr/sbin/nologin\n", "FAILED 1305"},
  };
  for (const Case& c : cases) {
    SyntheticRoot r;
    r.program("/bin/bash").program("/usr/sbin/nologin").dir("/etc");
    if (c.passwd != nullptr) r.file("/etc/passwd", c.passwd);
    EXPECT_EQ(outcome(run_item("root_account", r.path())), c.want) << (c.passwd ? c.passwd : "(none)");
  }
}

TEST(PasswdCheck, PassesWithBothTools) {
  SyntheticRoot r;
  make_good_root(r);
  r.file("/etc/login.defs", "ENCRYPT_METHOD SHA512\n");
  EXPECT_EQ(outcome(run_item("passwd", r.path())), "OK 0");
}

TEST(PasswdCheck, FailsWithoutPasswdOrChpasswd) {
  SyntheticRoot a;
  a.program("/usr/sbin/chpasswd");
  EXPECT_EQ(outcome(run_item("passwd", a.path())), "FAILED 1401");
  SyntheticRoot b;
  b.program("/usr/bin/passwd");
  EXPECT_EQ(outcome(run_item("passwd", b.path())), "FAILED 1402");
}

TEST(PasswdCheck, WarnsOnAWeakEncryptMethodWhateverTheSeverity) {
  SyntheticRoot r;
  r.program("/usr/bin/passwd").program("/usr/sbin/chpasswd").file("/etc/login.defs", "ENCRYPT_METHOD des\n");
  EXPECT_EQ(outcome(run_item("passwd", r.path())), "WARNING 1403");
}

TEST(EmptyPasswordCheck, PassesWhenEveryAccountHasAHashOrIsLocked) {
  SyntheticRoot r;
  make_good_root(r);
  EXPECT_EQ(outcome(run_item("empty_password", r.path())), "OK 0");
}

TEST(EmptyPasswordCheck, FailsNamingAccountsNeverHashes) {
  SyntheticRoot r;
  make_good_root(r);
  r.file("/etc/shadow", "root:$6$secretsalt$secrethash:19000:0:99999:7:::\nalice::19000::::::\n", 0640);
  Verdict v = run_item("empty_password", r.path());
  EXPECT_EQ(outcome(v), "FAILED 1501");
  EXPECT_NE(v.comment.find("alice"), std::string::npos);
  EXPECT_EQ(v.comment.find("secret"), std::string::npos);
  for (const auto& [key, value] : v.evidence) EXPECT_EQ(value.find("secret"), std::string::npos) << key;
}

TEST(EmptyPasswordCheck, FailsOnAnEmptyPasswdField) {
  SyntheticRoot r;
  r.file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nguest::1001:1001::/home/guest:/bin/sh\n");
  r.file("/etc/shadow", "root:!:19000::::::\n", 0640);
  EXPECT_EQ(outcome(run_item("empty_password", r.path())), "FAILED 1502");
}

TEST(EmptyPasswordCheck, SkippedWithoutRoot) {
  if (::geteuid() == 0) GTEST_SKIP() << "runs as root: /etc/shadow is always readable";
  SyntheticRoot r;
  make_good_root(r);
  ::chmod(r.host("/etc/shadow").c_str(), 0);
  EXPECT_EQ(run_item("empty_password", r.path()).status, Status::kSkipped);
}

}  // namespace
}  // namespace image_agent::precheck::testing

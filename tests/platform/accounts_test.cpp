#include "platform/accounts.h"

#include <grp.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <shadow.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace image_agent {
namespace {

TEST(ParsePasswd, ReadsEveryField) {
  auto file =
      parse_passwd("root:x:0:0:root:/root:/bin/bash\nsshd:x:101:65534::/run/sshd:/usr/sbin/nologin\n");
  ASSERT_EQ(file.entries.size(), 2U);
  EXPECT_TRUE(file.bad_lines.empty());
  const PasswdEntry& sshd = file.entries[1];
  EXPECT_EQ(sshd.name, "sshd");
  EXPECT_EQ(sshd.uid, 101U);
  EXPECT_EQ(sshd.gid, 65534U);
  EXPECT_EQ(sshd.gecos, "");
  EXPECT_EQ(sshd.home, "/run/sshd");
  EXPECT_EQ(sshd.shell, "/usr/sbin/nologin");
  EXPECT_EQ(sshd.line, 2);
  EXPECT_EQ(file.find("root")->uid, 0U);
  EXPECT_EQ(file.find("nobody"), nullptr);
}

TEST(ParsePasswd, ReportsMalformedLinesAndKeepsTheRest) {
  struct Case {
    const char* line;
    const char* reason;
  };
  for (const Case& c : {Case{"a:x:0:0:root:/root", "expected 7 fields, found 6"},
                        Case{"b:x:zero:0::/:/bin/sh", "bad uid 'zero'"},
                        Case{"c:x:0:-1::/:/bin/sh", "bad gid '-1'"}, Case{":x:0:0::/:/bin/sh", "empty name"},
                        Case{"d:x:0:0::/:/bin/sh:extra", "expected 7 fields, found 8"}}) {
    auto file = parse_passwd(std::string("# comment\n\n+nis\n") + c.line + "\nok:x:1:1::/:/bin/sh\n");
    ASSERT_EQ(file.bad_lines.size(), 1U) << c.line;
    EXPECT_EQ(file.bad_lines[0].line, 4) << c.line;
    EXPECT_EQ(file.bad_lines[0].reason, c.reason) << c.line;
    ASSERT_EQ(file.entries.size(), 1U) << c.line;
    EXPECT_EQ(file.entries[0].name, "ok");
  }
}

TEST(ParseGroup, SplitsMembers) {
  auto file = parse_group("sudo:x:27:alice,bob\nempty:x:100:\n");
  ASSERT_EQ(file.entries.size(), 2U);
  EXPECT_EQ(file.entries[0].members, (std::vector<std::string>{"alice", "bob"}));
  EXPECT_TRUE(file.entries[1].members.empty());
  EXPECT_EQ(file.entries[1].gid, 100U);
}

TEST(ParseShadow, KeepsFieldsVerbatim) {
  auto file = parse_shadow("root:$y$j9T$salt$hash:19700:0:99999:7:::\nlocked:!*:19700::::::\n");
  ASSERT_EQ(file.entries.size(), 2U);
  EXPECT_EQ(file.entries[0].hash, "$y$j9T$salt$hash");
  EXPECT_EQ(file.entries[0].last_change, "19700");
  EXPECT_EQ(file.entries[0].max_age, "99999");
  EXPECT_EQ(file.entries[0].inactive_period, "");
  EXPECT_EQ(file.entries[1].hash, "!*");
}

// The oracle for the real files of this machine is glibc's own NSS "files" module,
// which this test binary (unlike image-agent) may call.
std::string read_host(const char* path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(AccountsOnThisMachine, PasswdMatchesGetpwent) {
  auto file = parse_passwd(read_host("/etc/passwd"));
  EXPECT_TRUE(file.bad_lines.empty());
  size_t seen = 0;
  ::setpwent();
  while (const passwd* pw = ::getpwent()) {
    const PasswdEntry* e = file.find(pw->pw_name);
    if (e == nullptr) continue;  // from another NSS source
    ++seen;
    EXPECT_EQ(e->uid, pw->pw_uid) << pw->pw_name;
    EXPECT_EQ(e->gid, pw->pw_gid) << pw->pw_name;
    EXPECT_EQ(e->home, pw->pw_dir) << pw->pw_name;
    EXPECT_EQ(e->shell, pw->pw_shell) << pw->pw_name;
  }
  ::endpwent();
  EXPECT_EQ(seen, file.entries.size());
  ASSERT_NE(file.find("root"), nullptr);
}

TEST(AccountsOnThisMachine, GroupMatchesGetgrent) {
  auto file = parse_group(read_host("/etc/group"));
  EXPECT_TRUE(file.bad_lines.empty());
  size_t seen = 0;
  ::setgrent();
  while (const group* gr = ::getgrent()) {
    const GroupEntry* e = file.find(gr->gr_name);
    if (e == nullptr) continue;
    ++seen;
    EXPECT_EQ(e->gid, gr->gr_gid) << gr->gr_name;
    std::vector<std::string> members;
    for (char** m = gr->gr_mem; *m != nullptr; ++m) members.emplace_back(*m);
    EXPECT_EQ(e->members, members) << gr->gr_name;
  }
  ::endgrent();
  EXPECT_EQ(seen, file.entries.size());
}

TEST(AccountsOnThisMachine, ShadowMatchesGetspent) {
  if (::access("/etc/shadow", R_OK) != 0) GTEST_SKIP() << "SKIPPED: /etc/shadow is readable only by root";
  auto file = parse_shadow(read_host("/etc/shadow"));
  EXPECT_TRUE(file.bad_lines.empty());
  size_t seen = 0;
  ::setspent();
  while (const spwd* sp = ::getspent()) {
    const ShadowEntry* e = file.find(sp->sp_namp);
    if (e == nullptr) continue;
    ++seen;
    EXPECT_TRUE(e->hash == sp->sp_pwdp) << sp->sp_namp;  // not EXPECT_EQ: never print a hash
    if (!e->last_change.empty()) {
      EXPECT_EQ(std::stol(e->last_change), sp->sp_lstchg) << sp->sp_namp;
    }
  }
  ::endspent();
  EXPECT_EQ(seen, file.entries.size());
}

TEST(AccountsOnThisMachine, ReadsThroughRootFs) {
  Result<RootFs> fs = RootFs::open("/");
  ASSERT_TRUE(fs);
  Result<AccountFile<PasswdEntry>> passwd = read_passwd(*fs);
  ASSERT_TRUE(passwd) << passwd.error().message;
  EXPECT_EQ(passwd->find("root")->uid, 0U);
  EXPECT_TRUE(read_group(*fs));
}

}  // namespace
}  // namespace image_agent

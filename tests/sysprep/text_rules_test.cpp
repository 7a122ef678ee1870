// The pure rules, table-driven on strings.
#include <gtest/gtest.h>

#include "sysprep/account_edit.h"
#include "sysprep/text_rules.h"

namespace image_agent::sysprep {
namespace {

TEST(TextRules, RecognisesPrivateKeysByContent) {
  const std::vector<std::pair<std::string, bool>> cases{
      {"-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n", true},
      {"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n", true},
      {"-----BEGIN EC PRIVATE KEY-----\n", true},
      {"-----BEGIN DSA PRIVATE KEY-----\n", true},
      {"-----BEGIN PRIVATE KEY-----\n", true},
      {"-----BEGIN ENCRYPTED PRIVATE KEY-----\r\n", true},
      {"# comment\n-----BEGIN OPENSSH PRIVATE KEY-----\n", true},
      {"PuTTY-User-Key-File-3: ssh-ed25519\n", true},
      {"ssh-ed25519 AAAAC3Nza alice@host\n", false},
      {"-----BEGIN PUBLIC KEY-----\n", false},
      {"-----BEGIN CERTIFICATE-----\n", false},
      {"Host *\n  IdentityFile ~/.ssh/id_rsa\n", false},
      {"the words -----BEGIN OPENSSH PRIVATE KEY----- inside a line\n", false},
      {"", false},
  };
  for (const auto& [content, expected] : cases)
    EXPECT_EQ(looks_like_private_key(content), expected) << content;
}

TEST(TextRules, RemovesOnlyHwaddrLines) {
  struct Case {
    std::string in, out;
    int removed;
  };
  const std::vector<Case> cases{
      {"DEVICE=eth0\nHWADDR=52:54:00:00:00:01\nONBOOT=yes\n", "DEVICE=eth0\nONBOOT=yes\n", 1},
      {"HWADDR=a\n  HWADDR=\"b\"\n\tHWADDR=c\n", "", 3},
      {"DEVICE=eth0\r\nHWADDR=a\r\nONBOOT=yes\r\n", "DEVICE=eth0\r\nONBOOT=yes\r\n", 1},
      {"DEVICE=eth0\nHWADDR=a", "DEVICE=eth0\n", 1},
      {"ONBOOT=yes\nHWADDR=a\nBOOTPROTO=dhcp", "ONBOOT=yes\nBOOTPROTO=dhcp", 1},
      {"# HWADDR=a\nMACADDR=b\nXHWADDR=c\nhwaddr=d\n", "# HWADDR=a\nMACADDR=b\nXHWADDR=c\nhwaddr=d\n", 0},
      {"", "", 0},
  };
  for (const Case& c : cases) {
    int removed = -1;
    EXPECT_EQ(remove_hwaddr_lines(c.in, &removed), c.out) << c.in;
    EXPECT_EQ(removed, c.removed) << c.in;
  }
}

TEST(TextRules, FirstWordComparesMachineIds) {
  EXPECT_EQ(first_word("abc\n"), "abc");
  EXPECT_EQ(first_word("abc"), "abc");
  EXPECT_EQ(first_word("abc \n"), "abc");
  EXPECT_EQ(first_word("\n"), "");
}

TEST(AccountEdit, ReadsUidRangeFromLoginDefs) {
  UidRange defaults = parse_uid_range("");
  EXPECT_EQ(defaults.min, 1000U);
  EXPECT_EQ(defaults.max, 60000U);
  UidRange custom =
      parse_uid_range("# UID_MIN 1\nUID_MIN\t\t 500\nUID_MAX 29999 # people\nSYS_UID_MIN 100\n");
  EXPECT_EQ(custom.min, 500U);
  EXPECT_EQ(custom.max, 29999U);
  EXPECT_TRUE(custom.contains(500));
  EXPECT_FALSE(custom.contains(30000));
}

TEST(AccountEdit, DropsLinesAndMembersKeepingEverythingElse) {
  const std::set<std::string, std::less<>> users{"alice", "bob"};
  bool changed = false;
  EXPECT_EQ(edit_account_file(
                "root:x:0:0::/root:/bin/sh\n# alice\nalice:x:1000:1000::/home/alice:/bin/sh\nbad line\n",
                users, {}, {}, &changed),
            "root:x:0:0::/root:/bin/sh\n# alice\nbad line\n");
  EXPECT_TRUE(changed);
  EXPECT_EQ(
      edit_account_file("sudo:x:27:carol,alice,dave\nbob:x:1001:\nadm:x:4:\n", {"bob"}, users, {3}, &changed),
      "sudo:x:27:carol,dave\nadm:x:4:\n");
  EXPECT_EQ(edit_account_file("sudo:*:alice,carol:bob\n", {}, users, {2, 3}, &changed), "sudo:*:carol:\n");
  EXPECT_TRUE(changed);
  EXPECT_EQ(edit_account_file("adm:x:4:carol\nnoeol:x:5:", {}, users, {3}, &changed),
            "adm:x:4:carol\nnoeol:x:5:");
  EXPECT_FALSE(changed);
}

}  // namespace
}  // namespace image_agent::sysprep

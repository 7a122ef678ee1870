#include "platform/shell_assignments.h"

#include <gtest/gtest.h>

namespace image_agent {
namespace {

struct GoodCase {
  const char* line;
  const char* key;
  const char* value;
};

TEST(ParseShellAssignments, AcceptsPlainDataInEveryQuoting) {
  for (const GoodCase& c : {
           GoodCase{"hostname=iZ23r29djmjZ", "hostname", "iZ23r29djmjZ"},
           GoodCase{"password=cXdIcjEyMzQK", "password", "cXdIcjEyMzQK"},
           GoodCase{"password=a+b/c==", "password", "a+b/c=="},
           GoodCase{"eth0_mac_addr=00:8c:fa:5e:14:23", "eth0_mac_addr", "00:8c:fa:5e:14:23"},
           GoodCase{"eth0_route=\"10.0.0.0/8 10.1.1.1;172.16.0.0/12 10.1.1.1\"", "eth0_route",
                    "10.0.0.0/8 10.1.1.1;172.16.0.0/12 10.1.1.1"},
           GoodCase{"PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"", "PRETTY_NAME",
                    "Debian GNU/Linux 12 (bookworm)"},
           GoodCase{"NAME='Single $quoted `text`'", "NAME", "Single $quoted `text`"},
           GoodCase{"ESCAPED=\"a \\\"b\\\" \\$c \\`d\\` e\\\\f \\n\"", "ESCAPED", "a \"b\" $c `d` e\\f \\n"},
           GoodCase{"EMPTY=", "EMPTY", ""},
           GoodCase{"EMPTY_QUOTES=\"\"", "EMPTY_QUOTES", ""},
           GoodCase{"  INDENTED=yes  ", "INDENTED", "yes"},
           GoodCase{"CRLF=yes\r", "CRLF", "yes"},
           GoodCase{"HASH=a#b", "HASH", "a#b"},
           // A shell keeps " ;" inside quotes; only inih read it as an inline comment.
           GoodCase{"ROUTES=\"10.0.0.0/8 10.1.1.1 ; 0.0.0.0/0 10.1.1.1\"", "ROUTES",
                    "10.0.0.0/8 10.1.1.1 ; 0.0.0.0/0 10.1.1.1"},
       }) {
    Assignments parsed = parse_shell_assignments(std::string(c.line) + "\n");
    ASSERT_TRUE(parsed.errors.empty()) << c.line << ": " << parsed.errors[0].message;
    ASSERT_EQ(parsed.entries.size(), 1U) << c.line;
    EXPECT_EQ(parsed.entries[0].key, c.key);
    EXPECT_EQ(parsed.entries[0].value, c.value) << c.line;
  }
}

struct BadCase {
  std::string line;
  const char* message_part;
};

TEST(ParseShellAssignments, RejectsAnythingAShellWouldExpandOrRun) {
  for (const BadCase& c : {
           BadCase{"hostname=$(reboot)", "'$' would be expanded"},
           BadCase{"hostname=\"$(reboot)\"", "'$' would be expanded"},
           BadCase{"hostname=`reboot`", "'`' would be expanded"},
           BadCase{"hostname=\"`reboot`\"", "'`' would be expanded"},
           BadCase{"hostname=$HOME", "'$' would be expanded"},
           BadCase{"hostname=a;reboot", "';' outside quotes"},
           BadCase{"hostname=a&&reboot", "'&' outside quotes"},
           BadCase{"hostname=a|b", "'|' outside quotes"},
           BadCase{"hostname=a b", "' ' outside quotes"},
           BadCase{"hostname=*", "'*' outside quotes"},
           BadCase{"hostname=\"unbalanced", "unbalanced double quote"},
           BadCase{"hostname='unbalanced", "unbalanced single quote"},
           BadCase{"hostname=\"a\"b\"", "unbalanced double quote"},
           BadCase{"hostname=\"ends with backslash\\\"", "unbalanced double quote"},
           BadCase{"hostname=a\x01"
                   "b",
                   "control character"},
           BadCase{"hostname=\"tab\tinside\"", "control character"},
           BadCase{"hostname= reboot", "space after '='"},
           BadCase{"hostname=ok ;comment", "' ' outside quotes"},
           BadCase{"hostname=" + std::string(70000, 'a'), "line longer than 65536"},
           BadCase{"\xEF\xBB\xBFhostname=x", "not a KEY=VALUE"},  // a BOM only counts at the start
           BadCase{std::string("hostname=a\0b", 12), "NUL byte"},
           BadCase{"export hostname=x", "not a KEY=VALUE"},
           BadCase{"[section]", "not a KEY=VALUE"},
           BadCase{"hostname: x", "not a KEY=VALUE"},
           BadCase{"1abc=x", "not a KEY=VALUE"},
       }) {
    Assignments parsed = parse_shell_assignments("first=1\n" + c.line + "\nlast=2\n");
    ASSERT_EQ(parsed.errors.size(), 1U) << c.line;
    EXPECT_EQ(parsed.errors[0].line, 2) << c.line;
    EXPECT_NE(parsed.errors[0].message.find(c.message_part), std::string::npos)
        << c.line << " gave: " << parsed.errors[0].message;
    // The bad line costs only itself.
    ASSERT_EQ(parsed.entries.size(), 2U) << c.line;
    EXPECT_EQ(parsed.get("first"), "1");
    EXPECT_EQ(parsed.get("last"), "2");
    EXPECT_EQ(parsed.entries[1].line, 3);
  }
}

TEST(ParseShellAssignments, LongLinesAreNeverSplitIntoTwoEntries) {
  // inih cut lines at 200 bytes and parsed the rest as a line of its own ("evil=1").
  Assignments parsed = parse_shell_assignments("key=\"" + std::string(250, 'a') + "evil=1\"\nnext=2\n");
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.find("evil"), nullptr);
  EXPECT_EQ(parsed.get("key"), std::string(250, 'a') + "evil=1");
  ASSERT_NE(parsed.find("next"), nullptr);
  EXPECT_EQ(parsed.find("next")->line, 2);
}

TEST(ParseShellAssignments, LinesUpToTheCapParseLongerOnesFailOnlyThemselves) {
  const std::string long_value(65536 - 4, 'a');  // k="...": a line of exactly 64 KiB
  Assignments parsed = parse_shell_assignments("k=\"" + long_value + "\"\n");
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.get("k").size(), long_value.size());

  // A megabyte on one line (no newline at all): an error for its key, in linear time.
  parsed = parse_shell_assignments("first=1\nhuge=" + std::string(1 << 20, 'x') + "evil=1");
  ASSERT_EQ(parsed.errors.size(), 1U);
  EXPECT_EQ(parsed.errors[0].key, "huge");
  EXPECT_EQ(parsed.errors[0].line, 2);
  EXPECT_EQ(parsed.entries.size(), 1U);
  EXPECT_EQ(parsed.find("evil"), nullptr);
}

TEST(ParseShellAssignments, SkipsAUtf8ByteOrderMarkAtTheStartOnly) {
  Assignments parsed = parse_shell_assignments("\xEF\xBB\xBFhostname=a\nb=2\n");
  EXPECT_TRUE(parsed.errors.empty()) << parsed.errors[0].message;
  ASSERT_NE(parsed.find("hostname"), nullptr);
  EXPECT_EQ(parsed.get("hostname"), "a");
  EXPECT_EQ(parsed.find("hostname")->line, 1);
  EXPECT_EQ(parsed.find("b")->line, 2);
  EXPECT_TRUE(parse_shell_assignments("\xEF\xBB\xBF").entries.empty());
  EXPECT_TRUE(parse_shell_assignments("\xEF\xBB\xBF# comment\n").errors.empty());
}

TEST(ParseShellAssignments, CommentsBlankLinesAndLastFileLine) {
  Assignments parsed =
      parse_shell_assignments("# eth1_ip_addr=1.2.3.4\n; also a comment\n\n   \nlast=no-newline");
  EXPECT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.entries.size(), 1U);
  EXPECT_EQ(parsed.entries[0].key, "last");
  EXPECT_EQ(parsed.entries[0].value, "no-newline");
  EXPECT_EQ(parsed.entries[0].line, 5);
  EXPECT_EQ(parsed.find("eth1_ip_addr"), nullptr);
}

TEST(ParseShellAssignments, RepeatedKeyLastOneWinsLikeAShell) {
  Assignments parsed = parse_shell_assignments("a=1\na=2\n");
  EXPECT_EQ(parsed.entries.size(), 2U);
  EXPECT_EQ(parsed.get("a"), "2");
  EXPECT_EQ(parsed.find("a")->line, 2);
  EXPECT_EQ(parsed.get("missing", "default"), "default");
}

TEST(ParseShellAssignments, ParsesThisMachinesOsRelease) {
  Assignments parsed = parse_shell_assignments(
      "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n"
      "VERSION=\"12 "
      "(bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\n");
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.get("ID"), "debian");
  EXPECT_EQ(parsed.get("VERSION_ID"), "12");
  EXPECT_EQ(parsed.get("HOME_URL"), "https://www.debian.org/");
}

TEST(ReplaceAssignment, FirstLineTakesTheValueLaterOnesGoOthersStay) {
  EXPECT_EQ(replace_assignment("# HOSTNAME=x\nNETWORKING=yes\n  HOSTNAME=old\nHOSTNAME=older\nHOSTNAMEX=1\n",
                               "HOSTNAME", "new"),
            "# HOSTNAME=x\nNETWORKING=yes\nHOSTNAME=new\nHOSTNAMEX=1\n");
  EXPECT_EQ(replace_assignment("NETWORKING=yes\n", "HOSTNAME", "new"), std::nullopt);
}

TEST(SetAssignment, AppendsWhenAbsentEvenAfterAnUnterminatedLine) {
  EXPECT_EQ(set_assignment("A=1", "B", "\"x y\""), "A=1\nB=\"x y\"\n");
  EXPECT_EQ(set_assignment("", "B", "2"), "B=2\n");
  EXPECT_EQ(set_assignment("B=1\nC=3\n", "B", "2"), "B=2\nC=3\n");
}

}  // namespace
}  // namespace image_agent

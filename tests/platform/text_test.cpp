#include "platform/text.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace image_agent {
namespace {

using Parts = std::vector<std::string_view>;

TEST(Split, KeepsEmptyFields) {
  EXPECT_EQ(split("root:x:0:0::/root:/bin/bash", ':'),
            (Parts{"root", "x", "0", "0", "", "/root", "/bin/bash"}));
  EXPECT_EQ(split("", ':'), (Parts{""}));
  EXPECT_EQ(split("a:", ':'), (Parts{"a", ""}));
}

TEST(Words, RunsOfSpacesAndTabsSeparate) {
  EXPECT_EQ(words("iface  eth0\tinet dhcp "), (Parts{"iface", "eth0", "inet", "dhcp"}));
  EXPECT_EQ(words(" \t "), (Parts{}));
  EXPECT_EQ(words("one"), (Parts{"one"}));
}

TEST(Lines, FinalNewlineEndsTheLastLine) {
  EXPECT_EQ(lines("a\nb\n"), (Parts{"a", "b"}));
  EXPECT_EQ(lines("a\nb"), (Parts{"a", "b"}));
  EXPECT_EQ(lines("a\n\nb\n"), (Parts{"a", "", "b"}));
  EXPECT_EQ(lines(""), (Parts{}));
  EXPECT_EQ(lines("\n"), (Parts{""}));
}

TEST(Trim, SpacesAndTabs) {
  EXPECT_EQ(trim(" \ta b\t "), "a b");
  EXPECT_EQ(trim("   "), "");
}

TEST(Lower, AsciiOnlyWhateverTheLocale) {
  EXPECT_EQ(lower("BOOTPROTO=DHCP"), "bootproto=dhcp");
  EXPECT_EQ(lower("Yes"), "yes");
  EXPECT_EQ(lower("\xc3\x84"), "\xc3\x84");  // UTF-8 bytes pass unchanged
  EXPECT_EQ(lower(""), "");
}

TEST(Join, AnyRangeOfStrings) {
  EXPECT_EQ(join(std::vector<std::string>{"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(join(std::set<std::string>{"eth1", "eth0"}, ","), "eth0,eth1");
  EXPECT_EQ(join(std::vector<std::string>{"", "b"}, " "), " b");
  EXPECT_EQ(join(std::vector<std::string>{}, ", "), "");
  EXPECT_EQ(join(Parts{"x"}, ", "), "x");
}

TEST(GlobMatch, MatchesLikeFnmatch) {
  EXPECT_TRUE(glob_match("*.conf", "10-a.conf"));
  EXPECT_FALSE(glob_match("*.conf", "10-a.conf.bak"));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_TRUE(glob_match("[0-9]*", "50-cloud.conf"));
  EXPECT_FALSE(glob_match("[!0-9]*", "50-cloud.conf"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_FALSE(glob_match("x", ""));
}

}  // namespace
}  // namespace image_agent

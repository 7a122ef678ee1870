#include "platform/text.h"

#include <gtest/gtest.h>

namespace image_agent {
namespace {

using Parts = std::vector<std::string_view>;

TEST(Split, KeepsEmptyFields) {
  EXPECT_EQ(split("root:x:0:0::/root:/bin/bash", ':'),
            (Parts{"root", "x", "0", "0", "", "/root", "/bin/bash"}));
  EXPECT_EQ(split("", ':'), (Parts{""}));
  EXPECT_EQ(split("a:", ':'), (Parts{"a", ""}));
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

}  // namespace
}  // namespace image_agent

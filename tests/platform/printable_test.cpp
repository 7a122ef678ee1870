#include "platform/printable.h"

#include <gtest/gtest.h>

#include <string>

namespace image_agent {
namespace {

struct Case {
  const char* what;
  std::string input;
  std::string expected;
};

constexpr const char* kReplacement = "\xEF\xBF\xBD";

// Valid UTF-8 of every length, which both functions keep byte for byte.
const std::string kJapanese = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";  // 日本語
const std::string kEmoji = "\xF0\x9F\x98\x80";                         // U+1F600
const std::string kLatin = "Caf\xC3\xA9";                              // Café
const std::string kMax = "\xF4\x8F\xBF\xBF";                           // U+10FFFF
const std::string kNbsp = "\xC2\xA0";                                  // U+00A0, right after C1

TEST(ValidUtf8, KeepsWellFormedTextAndReplacesEachIllFormedPart) {
  const std::string r = kReplacement;
  const Case cases[] = {
      {"empty", "", ""},
      {"ASCII with controls (JSON escapes those)", "a\x1b[31m\x07\t\n\x7f", "a\x1b[31m\x07\t\n\x7f"},
      {"Japanese", kJapanese, kJapanese},
      {"emoji", kEmoji, kEmoji},
      {"Latin-1 letter", kLatin, kLatin},
      {"largest code point", kMax, kMax},
      {"C1 control is valid UTF-8", "\xC2\x9B", "\xC2\x9B"},
      {"lone continuation byte", "a\x80z", "a" + r + "z"},
      {"two continuation bytes: two parts", "\x80\xBF", r + r},
      {"byte FF", "\xFF", r},
      {"byte FE", "x\xFE", "x" + r},
      {"F5 lead (beyond U+10FFFF)", "\xF5\x80\x80\x80", r + r + r + r},
      {"above U+10FFFF from F4", "\xF4\x90\x80\x80", r + r + r + r},
      {"overlong slash, 2 bytes", "\xC0\xAF", r + r},
      {"overlong NUL, 2 bytes", "\xC0\x80", r + r},
      {"overlong, 3 bytes", "\xE0\x80\xAF", r + r + r},
      {"overlong, 4 bytes", "\xF0\x80\x80\xAF", r + r + r + r},
      {"high surrogate", "\xED\xA0\x80", r + r + r},
      {"low surrogate", "\xED\xBF\xBF", r + r + r},
      {"last before surrogates", "\xED\x9F\xBF", "\xED\x9F\xBF"},
      {"truncated 2-byte at end", "ab\xC3", "ab" + r},
      {"truncated 3-byte at end: one part", "\xE6\x97", r},
      {"truncated 4-byte at end: one part", "\xF0\x9F\x98", r},
      {"truncated 3-byte before ASCII keeps the ASCII", "\xE6\x97\"}", r + "\"}"},
      {"truncated then valid", "\xE6" + kJapanese, r + kJapanese},
      {"Latin-1 encoded text", "caf\xE9 cr\xE8me", "caf" + r + " cr" + r + "me"},
  };
  for (const Case& c : cases) EXPECT_EQ(valid_utf8(c.input), c.expected) << c.what;
}

TEST(Printable, EscapesControlsAndInvalidBytesKeepsEveryScript) {
  const Case cases[] = {
      {"empty", "", ""},
      {"plain path", "/root/.ssh/id_rsa", "/root/.ssh/id_rsa"},
      {"backslash kept", "a\\x1b", "a\\x1b"},
      {"Japanese", kJapanese, kJapanese},
      {"emoji", kEmoji, kEmoji},
      {"Latin-1 letter", kLatin, kLatin},
      {"no-break space (after C1)", kNbsp, kNbsp},
      {"largest code point", kMax, kMax},
      {"title-setting OSC", "id_rsa\x1b]0;pwned\x07", "id_rsa\\x1b]0;pwned\\x07"},
      {"colour CSI", "\x1b[31mred", "\\x1b[31mred"},
      {"newline, tab, CR", "a\nb\tc\rd", "a\\x0ab\\x09c\\x0dd"},
      {"NUL", std::string("a\0b", 3), "a\\x00b"},
      {"DEL", "a\x7f", "a\\x7f"},
      {"C1 CSI as UTF-8",
       "\xC2\x9B"
       "31m",
       "\\xc2\\x9b31m"},
      {"C1 NEL as UTF-8", "\xC2\x85", "\\xc2\\x85"},
      {"8-bit CSI byte",
       "\x9B"
       "31m",
       "\\x9b31m"},
      {"byte FF", "\xFF", "\\xff"},
      {"overlong ESC", "\xC1\x9B", "\\xc1\\x9b"},
      {"surrogate", "\xED\xA0\x80", "\\xed\\xa0\\x80"},
      {"truncated before ESC", "\xE6\x97\x1b", "\\xe6\\x97\\x1b"},
      {"truncated at end", "ok\xF0\x9F\x98", "ok\\xf0\\x9f\\x98"},
      {"right-to-left override", "id_rsa\xE2\x80\xAEtxt.exe", "id_rsa\\u202etxt.exe"},
      {"every bidi control",
       "\xD8\x9C\xE2\x80\x8E\xE2\x80\x8F\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD\xE2\x81\xA6\xE2\x81"
       "\xA7"
       "\xE2\x81\xA8\xE2\x81\xA9",
       "\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069"},
      {"neighbours of the bidi controls kept", "\xE2\x80\x8D\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA",
       "\xE2\x80\x8D\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA"},
  };
  for (const Case& c : cases) EXPECT_EQ(printable(c.input), c.expected) << c.what;
}

TEST(PrintableLines, KeepsNewlinesAndTabsOnly) {
  EXPECT_EQ(printable_lines("127.0.0.1\tlocalhost\n-old\n+new\n"), "127.0.0.1\tlocalhost\n-old\n+new\n");
  EXPECT_EQ(printable_lines("a\r\n\x1b[2J\xC2\x9B\xFF" + kJapanese + "\n"),
            "a\\x0d\n\\x1b[2J\\xc2\\x9b\\xff" + kJapanese + "\n");
}

// Whatever the bytes: valid_utf8 is valid UTF-8 (it is a fixed point of itself) and
// printable has no byte below 0x20, no DEL and no C1 control, for every 1- and 2-byte
// input and every 3-byte one from a set of interesting bytes.
TEST(Printable, NoControlOrInvalidByteSurvivesAnyShortInput) {
  auto check = [](const std::string& input) {
    const std::string valid = valid_utf8(input);
    EXPECT_EQ(valid_utf8(valid), valid) << testing::PrintToString(input);
    const std::string shown = printable(input);
    EXPECT_EQ(valid_utf8(shown), shown) << testing::PrintToString(input);
    for (size_t i = 0; i < shown.size(); ++i) {
      const auto b = static_cast<unsigned char>(shown[i]);
      EXPECT_FALSE(b < 0x20 || b == 0x7F) << testing::PrintToString(input);
      EXPECT_FALSE(b == 0xC2 && i + 1 < shown.size() && static_cast<unsigned char>(shown[i + 1]) < 0xA0)
          << testing::PrintToString(input);
    }
  };
  for (int a = 0; a < 256; ++a) {
    check(std::string(1, static_cast<char>(a)));
    for (int b = 0; b < 256; ++b) check({static_cast<char>(a), static_cast<char>(b)});
  }
  const unsigned char interesting[] = {0x00, 0x1B, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9B, 0x9F, 0xA0, 0xBF,
                                       0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  for (unsigned char a : interesting)
    for (unsigned char b : interesting)
      for (unsigned char c : interesting)
        check({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
}

}  // namespace
}  // namespace image_agent

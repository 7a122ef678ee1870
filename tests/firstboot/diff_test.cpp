#include "firstboot/diff.h"

#include <gtest/gtest.h>

#include "platform/process.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

/// GNU diff -u as the oracle, headers dropped (they carry temp paths and times).
std::string gnu_hunks(const std::string& before, const std::string& after) {
  testing::TempDir dir;
  testing::write_file(dir / "a", before);
  testing::write_file(dir / "b", after);
  Result<RunResult> r = run_program({"diff", "-u", dir / "a", dir / "b"});
  EXPECT_TRUE(r);
  std::string out = r->out;
  for (int i = 0; i < 2 && !out.empty(); ++i) out.erase(0, out.find('\n') + 1);
  return out;
}

std::string our_hunks(const std::string& before, const std::string& after) {
  std::string out = unified_diff("/etc/x", &before, &after);
  for (int i = 0; i < 2 && !out.empty(); ++i) out.erase(0, out.find('\n') + 1);
  return out;
}

std::string numbered(int from, int to, const char* suffix = "") {
  std::string text;
  for (int i = from; i <= to; ++i) text += "line " + std::to_string(i) + suffix + "\n";
  return text;
}

TEST(UnifiedDiff, MatchesGnuDiff) {
  const std::string base = numbered(1, 30);
  std::string changed = base;
  changed.replace(changed.find("line 5\n"), 7, "line five\n");
  std::string far_apart = changed;
  far_apart.replace(far_apart.find("line 25\n"), 8, "line 25a\nline 25b\n");
  std::string appended = base + "new last\n";
  std::string removed_first = numbered(2, 30);
  std::string no_newline = base + "tail";
  for (const std::string* after : {&changed, &far_apart, &appended, &removed_first, &no_newline}) {
    EXPECT_EQ(our_hunks(base, *after), gnu_hunks(base, *after)) << *after;
  }
  EXPECT_EQ(our_hunks("", "a\nb\n"), gnu_hunks("", "a\nb\n"));
  EXPECT_EQ(our_hunks("a\nb\n", ""), gnu_hunks("a\nb\n", ""));
}

TEST(UnifiedDiff, EqualIsEmptyAndMissingFilesUseDevNull) {
  std::string text = "a\n";
  EXPECT_EQ(unified_diff("/etc/x", &text, &text), "");
  EXPECT_EQ(unified_diff("/etc/hostname", nullptr, &text),
            "--- /dev/null\n+++ b/etc/hostname\n@@ -0,0 +1 @@\n+a\n");
  EXPECT_EQ(unified_diff("/etc/old", &text, nullptr), "--- a/etc/old\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n");
}

}  // namespace
}  // namespace image_agent::firstboot

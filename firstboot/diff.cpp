#include "firstboot/diff.h"

#include <algorithm>
#include <vector>

namespace image_agent::firstboot {
namespace {

constexpr size_t kContext = 3;

std::vector<std::string_view> lines_of(const std::string* text) {
  std::vector<std::string_view> lines;
  if (text == nullptr) return lines;
  std::string_view rest = *text;
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    lines.push_back(rest.substr(0, end == std::string_view::npos ? rest.size() : end + 1));
    rest.remove_prefix(lines.back().size());
  }
  return lines;
}

/// One line of the edit script: ' ' kept, '-' removed, '+' added.
struct Edit {
  char op;
  std::string_view line;
  size_t old_number;  // 1-based position in before (for ' ' and '-') or where it goes
  size_t new_number;
};

/// Longest-common-subsequence edit script. The files firstboot changes are small
/// (config files, /etc/shadow), so the quadratic table is fine.
std::vector<Edit> edit_script(const std::vector<std::string_view>& a,
                              const std::vector<std::string_view>& b) {
  std::vector<std::vector<unsigned>> lcs(a.size() + 1, std::vector<unsigned>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<Edit> edits;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      edits.push_back({' ', a[i], ++i, ++j});
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      edits.push_back({'-', a[i], ++i, j});  // deletions first, as diff -u shows them
    } else {
      edits.push_back({'+', b[j], i, ++j});
    }
  }
  return edits;
}

std::string range(size_t start, size_t count) {
  if (count == 1) return std::to_string(start);
  return std::to_string(count == 0 ? start - (start > 0 ? 1 : 0) : start) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(std::string_view path, const std::string* before, const std::string* after) {
  std::vector<std::string_view> a = lines_of(before);
  std::vector<std::string_view> b = lines_of(after);
  if (a == b && (before == nullptr) == (after == nullptr)) return "";
  std::vector<Edit> edits = edit_script(a, b);

  std::string out = std::string("--- ") + (before ? "a" + std::string(path) : "/dev/null") + "\n" + "+++ " +
                    (after ? "b" + std::string(path) : "/dev/null") + "\n";
  size_t k = 0;
  while (k < edits.size()) {
    // Find the next change, then extend the hunk while changes are within 2*context.
    while (k < edits.size() && edits[k].op == ' ') ++k;
    if (k == edits.size()) break;
    size_t start = k >= kContext ? k - kContext : 0;
    size_t end = k;
    for (size_t m = k; m < edits.size(); ++m) {
      if (edits[m].op != ' ') end = m;
      if (m - end > 2 * kContext) break;
    }
    end = std::min(edits.size(), end + kContext + 1);
    size_t old_count = 0;
    size_t new_count = 0;
    for (size_t m = start; m < end; ++m) {
      if (edits[m].op != '+') ++old_count;
      if (edits[m].op != '-') ++new_count;
    }
    const size_t old_start = edits[start].op == '+' ? edits[start].old_number + 1 : edits[start].old_number;
    const size_t new_start = edits[start].op == '-' ? edits[start].new_number + 1 : edits[start].new_number;
    out += "@@ -" + range(old_start, old_count) + " +" + range(new_start, new_count) + " @@\n";
    for (size_t m = start; m < end; ++m) {
      out += edits[m].op;
      out += edits[m].line;
      if (edits[m].line.empty() || edits[m].line.back() != '\n') out += "\n\\ No newline at end of file\n";
    }
    k = end;
  }
  return out;
}

}  // namespace image_agent::firstboot

#include "sysprep/text_rules.h"

namespace image_agent::sysprep {
namespace {

/// Calls `visit(line_without_ending, line_with_ending)` for each line.
template <typename Visit>
void for_each_line(std::string_view text, Visit visit) {
  while (!text.empty()) {
    size_t end = text.find('\n');
    size_t next = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line = text.substr(0, end == std::string_view::npos ? text.size() : end);
    visit(line, text.substr(0, next));
    text.remove_prefix(next);
  }
}

std::string_view trim_blanks(std::string_view text) {
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

}  // namespace

bool looks_like_private_key(std::string_view content) {
  if (content.starts_with("PuTTY-User-Key-File-")) return true;
  bool found = false;
  for_each_line(content, [&](std::string_view line, std::string_view) {
    line = trim_blanks(line);
    if (line.starts_with("-----BEGIN ") && line.ends_with("PRIVATE KEY-----")) found = true;
  });
  return found;
}

std::string remove_hwaddr_lines(std::string_view content, int* removed) {
  std::string kept;
  kept.reserve(content.size());
  *removed = 0;
  for_each_line(content, [&](std::string_view line, std::string_view whole) {
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line.substr(first).starts_with("HWADDR=")) {
      ++*removed;
      return;
    }
    kept += whole;
  });
  return kept;
}

std::string_view first_word(std::string_view text) {
  size_t end = text.find_first_of(" \t\r\n");
  return end == std::string_view::npos ? text : text.substr(0, end);
}

}  // namespace image_agent::sysprep

#include "fuzz_input.h"

namespace image_agent::fuzz {
namespace {

constexpr std::string_view kOpen = "==> ";
constexpr std::string_view kClose = " <==";

std::string plain_name(std::string_view raw) {
  std::string name;
  for (char c : raw) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                 c == '_' || c == '-';
    if (plain && name.size() < 64) name += c;
  }
  return name.empty() || name == "." || name == ".." ? "f" : name;
}

}  // namespace

std::vector<InputFile> split_files(std::string_view input) {
  std::vector<InputFile> files{{"", {}}};
  size_t start = 0;  // of the current file's content
  size_t line = 0;
  while (line <= input.size()) {
    size_t end = input.find('\n', line);
    std::string_view text =
        input.substr(line, end == std::string_view::npos ? std::string_view::npos : end - line);
    if (text.starts_with(kOpen) && text.ends_with(kClose) && text.size() >= kOpen.size() + kClose.size()) {
      files.back().content = input.substr(start, line - start);
      files.push_back(
          {plain_name(text.substr(kOpen.size(), text.size() - kOpen.size() - kClose.size())), {}});
      start = end == std::string_view::npos ? input.size() : end + 1;
    }
    if (end == std::string_view::npos) break;
    line = end + 1;
  }
  files.back().content = input.substr(start);
  return files;
}

}  // namespace image_agent::fuzz

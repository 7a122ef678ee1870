#pragma once

// What the fuzz targets share: the fuzzer's bytes as text, and one input split into
// several files for the readers that follow includes from file to file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace image_agent::fuzz {

/// The fuzzer's bytes as the text a parser gets (any bytes, NUL included).
inline std::string_view text_of(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};  // NOLINT: libFuzzer hands bytes
}

/// One file of a multi-file input.
struct InputFile {
  std::string name;  ///< "" for the main file (the text before the first header)
  std::string_view content;
};

/// Splits `input` at header lines "==> NAME <==" (head(1)'s format for several files):
/// the text before the first header is the main file, each header starts a named one.
/// NAME keeps only [A-Za-z0-9._-] (at most 64 characters, never "." or ".."; "f" when
/// nothing is left), so it is always a plain file name.
std::vector<InputFile> split_files(std::string_view input);

}  // namespace image_agent::fuzz

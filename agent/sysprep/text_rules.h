#pragma once

// Pure functions on file contents, so the rules are tested on strings.
#include <string>
#include <string_view>

namespace image_agent::sysprep {

/// True for a private key file: PEM ("-----BEGIN ... PRIVATE KEY-----" on a line of its
/// own: OpenSSH, RSA, EC, DSA, PKCS#8, encrypted or not) or PuTTY's .ppk format.
bool looks_like_private_key(std::string_view content);

/// `content` without its HWADDR= lines (leading blanks allowed); every other byte, line
/// ending and the presence of a final newline stay as they were. `removed` gets the count.
std::string remove_hwaddr_lines(std::string_view content, int* removed);

/// The bytes before the first newline or blank, for comparing machine-ids.
std::string_view first_word(std::string_view text);

}  // namespace image_agent::sysprep

#include "platform/printable.h"

#include <cstddef>
#include <cstdint>

namespace image_agent {
namespace {

/// How a UTF-8 sequence at `text[at]` is formed. `length` > 0: a well-formed sequence of
/// that many bytes. Otherwise `subpart` is the length (>= 1) of the ill-formed part: the
/// lead byte and the continuation bytes that still fitted (Unicode's "maximal subpart").
struct Sequence {
  size_t length = 0;
  size_t subpart = 1;
};

Sequence sequence_at(std::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const uint8_t lead = byte(at);
  if (lead < 0x80) return {1, 1};
  // The Unicode standard's table 3-7: the second byte's range is what rules out overlong
  // forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
  size_t length = 0;
  uint8_t low = 0x80;
  uint8_t high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return {0, 1};  // a continuation byte, C0/C1 (overlong by design) or F5..FF
  }
  for (size_t i = 1; i < length; ++i) {
    if (at + i >= text.size()) return {0, i};
    const uint8_t b = byte(at + i);
    const uint8_t min = i == 1 ? low : 0x80;
    const uint8_t max = i == 1 ? high : 0xBF;
    if (b < min || b > max) return {0, i};
  }
  return {length, length};
}

/// The code point of the well-formed sequence at `text[at]` of `length` bytes.
uint32_t code_point(std::string_view text, size_t at, size_t length) {
  const auto byte = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(text[at + i])); };
  if (length == 1) return byte(0);
  uint32_t cp = byte(0) & (0x7Fu >> length);
  for (size_t i = 1; i < length; ++i) cp = (cp << 6) | (byte(i) & 0x3F);
  return cp;
}

/// Unicode's bidirectional formatting characters (UAX #9): they do nothing on most
/// terminals, but where they act (a web console, an editor, a ticket) they reorder what
/// follows, so `id_rsa<U+202E>txt.exe` reads as another name ("Trojan Source").
bool bidi_control(uint32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

void append_code_point(std::string* out, uint32_t cp) {
  constexpr char kDigits[] = "0123456789abcdef";
  out->append("\\u");
  for (int shift = 12; shift >= 0; shift -= 4) out->push_back(kDigits[(cp >> shift) & 0xF]);
}

void append_hex(std::string* out, uint8_t b) {
  constexpr char kDigits[] = "0123456789abcdef";
  out->append("\\x");
  out->push_back(kDigits[b >> 4]);
  out->push_back(kDigits[b & 0xF]);
}

std::string escape(std::string_view text, bool keep_lines) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    const auto b = static_cast<uint8_t>(text[at]);
    if (b < 0x20 || b == 0x7F) {
      if (keep_lines && (b == '\n' || b == '\t')) {
        out.push_back(static_cast<char>(b));
      } else {
        append_hex(&out, b);
      }
      ++at;
      continue;
    }
    const Sequence s = sequence_at(text, at);
    // U+0080..U+009F is C2 80..C2 9F: C1 controls, CSI (U+009B) among them, which some
    // terminals obey as ESC [ does.
    const bool c1 = s.length == 2 && b == 0xC2 && static_cast<uint8_t>(text[at + 1]) <= 0x9F;
    if (s.length == 0 || c1) {
      // Byte by byte: the bytes after a cut-short lead are judged again on their own.
      append_hex(&out, b);
      ++at;
      continue;
    }
    if (const uint32_t cp = code_point(text, at, s.length); bidi_control(cp)) {
      append_code_point(&out, cp);
    } else {
      out.append(text.substr(at, s.length));
    }
    at += s.length;
  }
  return out;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    const Sequence s = sequence_at(text, at);
    if (s.length > 0) {
      out.append(text.substr(at, s.length));
      at += s.length;
    } else {
      out.append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
      at += s.subpart;
    }
  }
  return out;
}

std::string printable(std::string_view text) {
  return escape(text, false);
}

std::string printable_lines(std::string_view text) {
  return escape(text, true);
}

}  // namespace image_agent

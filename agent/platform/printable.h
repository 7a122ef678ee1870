#pragma once

#include <string>
#include <string_view>

// Guest files are bytes, not text: os-release values, file names, YAML and config lines
// can hold invalid UTF-8 and terminal control sequences. These are the two ways such
// strings leave image-agent: as JSON, which must be valid UTF-8, and on a terminal (or in a
// log someone reads on one), where an ESC or CSI would act instead of being shown.

namespace image_agent {

/// `text` as valid UTF-8 (RFC 3629): every well-formed sequence kept as is; each ill-formed
/// part (a stray continuation byte, an overlong form, a surrogate, a code point above
/// U+10FFFF, a sequence cut short) becomes U+FFFD, one per maximal subpart as Unicode
/// recommends (and Python's "replace" does). ASCII is never touched, so a JSON text stays
/// JSON.
std::string valid_utf8(std::string_view text);

/// `text` safe to show on a terminal, on one line: C0 controls (newline and tab too), DEL,
/// C1 controls (U+0080..U+009F) and the bytes of invalid UTF-8 are written as `\xNN`, one
/// per byte ("\x1b]0;x\x07"); Unicode's bidirectional controls (U+202E and kin, which can
/// make a name read as another) as `\uNNNN`; everything else, any script or emoji, as is.
/// For display only: a backslash is not escaped, so it cannot be undone.
std::string printable(std::string_view text);

/// printable() for text of several lines (a diff, a file's content): '\n' and '\t' are
/// kept, everything else as printable() does.
std::string printable_lines(std::string_view text);

}  // namespace image_agent

#pragma once

// Oracles for what image-agent shows of a hostile guest (issue 15 #11), independent of its
// own escaping code: Python's strict UTF-8 decoder and JSON parser.
#include <string>

namespace image_agent::testing {

/// "" when `json` is strictly valid UTF-8 and parses as JSON (Python's json.loads on
/// bytes.decode("utf-8")); otherwise Python's complaint.
std::string strict_json_problem(const std::string& json);

/// "" when `text` is fit for a terminal: strictly valid UTF-8, and no control character
/// but newline and tab (no ESC, no DEL, no C1 control such as U+009B CSI); otherwise
/// what is wrong and where.
std::string terminal_problem(const std::string& text);

}  // namespace image_agent::testing

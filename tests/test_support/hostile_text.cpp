#include "test_support/hostile_text.h"

#include "test_support/run_checked.h"

namespace image_agent::testing {
namespace {

std::string python(const char* program, const std::string& input) {
  RunResult r = run_checked({"python3", "-c", program}, input);
  return r.succeeded() ? std::string() : r.err + r.out;
}

}  // namespace

std::string strict_json_problem(const std::string& json) {
  return python("import json, sys; json.loads(sys.stdin.buffer.read().decode('utf-8'))", json);
}

std::string terminal_problem(const std::string& text) {
  return python(
      "import sys\n"
      "text = sys.stdin.buffer.read().decode('utf-8')\n"
      "bad = [(i, hex(ord(c))) for i, c in enumerate(text)\n"
      "       if (ord(c) < 0x20 and c not in '\\n\\t') or 0x7f <= ord(c) <= 0x9f]\n"
      "if bad: sys.exit('control characters at ' + repr(bad[:10]))\n",
      text);
}

}  // namespace image_agent::testing

#include "platform/shell_assignments.h"

#include <ini.h>

#include <algorithm>
#include <cstring>

#include "platform/text.h"

namespace image_agent {
namespace {

// What Debian's libinih is built with (ini.h): longer lines would be cut and their rest
// parsed as a line of its own, so we refuse them before inih sees them.
constexpr size_t kMaxLine = INI_MAX_LINE;

bool is_key_char(char c, bool first) {
  return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// Why a value is not plain data, or "" when it is; `out` gets the unquoted value.
std::string unquote(std::string_view raw, std::string* out) {
  for (char c : raw) {
    if ((static_cast<unsigned char>(c) < 0x20) || c == 0x7f) return "control character in value";
  }
  if (raw.empty()) return {};
  if (raw.front() == '\'') {
    if (raw.size() < 2 || raw.back() != '\'' ||
        raw.substr(1, raw.size() - 2).find('\'') != std::string_view::npos) {
      return "unbalanced single quote";
    }
    *out = raw.substr(1, raw.size() - 2);
    return {};
  }
  if (raw.front() == '"') {
    if (raw.size() < 2 || raw.back() != '"') return "unbalanced double quote";
    std::string_view inner = raw.substr(1, raw.size() - 2);
    for (size_t i = 0; i < inner.size(); ++i) {
      char c = inner[i];
      if (c == '\\' && i + 1 < inner.size() && std::strchr("\"\\$`", inner[i + 1]) != nullptr) {
        out->push_back(inner[++i]);
      } else if (c == '"' || (c == '\\' && i + 1 == inner.size())) {
        return "unbalanced double quote";  // a quote inside, or the closing one escaped
      } else if (c == '$' || c == '`') {
        return std::string("'") + c + "' would be expanded by a shell";
      } else {
        out->push_back(c);
      }
    }
    return {};
  }
  for (char c : raw) {
    if (c == '$' || c == '`') return std::string("'") + c + "' would be expanded by a shell";
    if (std::strchr(" \t\"'\\;&|<>(){}*?[]~", c) != nullptr) {
      return std::string("'") + c + "' outside quotes has a meaning to a shell";
    }
  }
  *out = raw;
  return {};
}

struct ParseState {
  std::string_view text;
  size_t position = 0;
  int line = 0;
  std::string current_raw_value;  // the value as written on the current line
  bool current_ok = false;        // the current line went to inih as an assignment
  Assignments result;

  void error(std::string key, std::string message) {
    result.errors.push_back({line, std::move(key), std::move(message)});
  }

  /// Vets the next line and returns what inih may see of it (a blank line if nothing).
  std::string next_line_for_inih() {
    size_t end = text.find('\n', position);
    std::string_view raw =
        text.substr(position, end == std::string_view::npos ? std::string_view::npos : end - position);
    position = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line;
    current_ok = false;

    std::string_view body = raw;
    while (!body.empty() && (body.front() == ' ' || body.front() == '\t')) body.remove_prefix(1);
    body = trim_right(body);
    if (body.empty() || body.front() == '#' || body.front() == ';') return "\n";

    size_t key_end = 0;
    while (key_end < body.size() && is_key_char(body[key_end], key_end == 0)) ++key_end;
    std::string key(body.substr(0, key_end));
    if (key_end == 0 || key_end == body.size() || body[key_end] != '=') {
      error(key, "not a KEY=VALUE assignment");
      return "\n";
    }
    if (body.find('\0') != std::string_view::npos) {
      error(key, "NUL byte in line");
      return "\n";
    }
    if (body.size() + 2 > kMaxLine) {
      error(key, "line longer than " + std::to_string(kMaxLine - 2) + " characters");
      return "\n";
    }
    current_raw_value = std::string(body.substr(key_end + 1));
    if (!current_raw_value.empty() && (current_raw_value[0] == ' ' || current_raw_value[0] == '\t')) {
      error(key, "space after '=' (a shell would run the value as a command)");
      return "\n";
    }
    current_ok = true;
    return std::string(body) + "\n";
  }
};

char* read_line(char* buffer, int size, void* stream) {
  auto* state = static_cast<ParseState*>(stream);
  if (state->position > state->text.size()) return nullptr;
  std::string line = state->next_line_for_inih();
  std::strncpy(buffer, line.c_str(), static_cast<size_t>(size) - 1);
  buffer[size - 1] = '\0';
  return buffer;
}

int on_value(void* user, const char* section, const char* name, const char* value) {
  auto* state = static_cast<ParseState*>(user);
  if (!state->current_ok || section[0] != '\0') return 1;
  // inih drops " ;comment" tails; a value it shortened is not the value that was written.
  if (std::string_view(value) != state->current_raw_value) {
    state->error(name, "inline comment or text inih would cut from the value");
    return 1;
  }
  std::string unquoted;
  if (std::string why = unquote(state->current_raw_value, &unquoted); !why.empty()) {
    state->error(name, why);
    return 1;
  }
  state->result.entries.push_back({name, std::move(unquoted), state->line});
  return 1;
}

}  // namespace

const Assignment* Assignments::find(std::string_view key) const {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

std::string Assignments::get(std::string_view key, std::string_view fallback) const {
  const Assignment* a = find(key);
  return a ? a->value : std::string(fallback);
}

Assignments parse_shell_assignments(std::string_view text) {
  ParseState state;
  state.text = text;
  if (text.empty()) return {};
  // Errors inih would report are lines we already vetted into blank lines.
  ini_parse_stream(&read_line, &state, &on_value, &state);
  return std::move(state.result);
}

std::optional<std::string> replace_assignment(std::string_view text, std::string_view key,
                                              std::string_view value) {
  std::string out;
  bool set = false;
  for (std::string_view line : lines(text)) {
    std::string_view bare = line.substr(std::min(line.find_first_not_of(" \t"), line.size()));
    if (bare.starts_with(key) && bare.substr(key.size()).starts_with('=')) {
      if (set) continue;
      out.append(key).append("=").append(value).append("\n");
      set = true;
      continue;
    }
    out.append(line).append("\n");
  }
  if (!set) return std::nullopt;
  return out;
}

std::string set_assignment(std::string_view text, std::string_view key, std::string_view value) {
  if (std::optional<std::string> replaced = replace_assignment(text, key, value)) return *replaced;
  std::string out(text);
  if (!out.empty() && out.back() != '\n') out += '\n';
  out.append(key).append("=").append(value).append("\n");
  return out;
}

}  // namespace image_agent

#include "platform/shell_assignments.h"

#include <algorithm>
#include <cstring>

#include "platform/text.h"

namespace image_agent {
namespace {

// A line may be as long as the cloud makes it (eleven routes or a long password pass
// inih's 200 bytes, which is why inih no longer splits these files); the cap only bounds
// a hostile file, far above anything real.
constexpr size_t kMaxLine = size_t{64} * 1024;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

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

/// Vets one line (without its '\n') and adds its assignment or error to `out`.
void parse_line(std::string_view raw, int number, Assignments* out) {
  auto error = [&](std::string key, std::string message) {
    out->errors.push_back({number, std::move(key), std::move(message)});
  };
  std::string_view body = raw;
  while (!body.empty() && (body.front() == ' ' || body.front() == '\t')) body.remove_prefix(1);
  body = trim_right(body);
  if (body.empty() || body.front() == '#' || body.front() == ';') return;

  size_t key_end = 0;
  while (key_end < body.size() && is_key_char(body[key_end], key_end == 0)) ++key_end;
  std::string key(body.substr(0, key_end));
  if (key_end == 0 || key_end == body.size() || body[key_end] != '=') {
    return error(key, "not a KEY=VALUE assignment");
  }
  if (body.find('\0') != std::string_view::npos) return error(key, "NUL byte in line");
  if (raw.size() > kMaxLine) return error(key, "line longer than " + std::to_string(kMaxLine) + " bytes");
  std::string_view raw_value = body.substr(key_end + 1);
  if (!raw_value.empty() && (raw_value[0] == ' ' || raw_value[0] == '\t')) {
    return error(key, "space after '=' (a shell would run the value as a command)");
  }
  std::string value;
  if (std::string why = unquote(raw_value, &value); !why.empty()) return error(key, why);
  out->entries.push_back({std::move(key), std::move(value), number});
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
  Assignments result;
  // Editors on other systems save a byte order mark; it is no part of the first line.
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  int number = 0;
  for (size_t position = 0; position < text.size();) {
    size_t end = std::min(text.find('\n', position), text.size());
    parse_line(text.substr(position, end - position), ++number, &result);
    position = end + 1;
  }
  return result;
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

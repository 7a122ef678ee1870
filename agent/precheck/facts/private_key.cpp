#include "precheck/facts/private_key.h"

#include "platform/text.h"

namespace image_agent::precheck {

bool looks_like_private_key(std::string_view content) {
  if (content.starts_with("PuTTY-User-Key-File-")) return true;
  for (std::string_view line : lines(content)) {
    line = trim(line);
    if (!line.empty() && line.back() == '\r') line = trim(line.substr(0, line.size() - 1));
    if (line.starts_with("-----BEGIN ") && line.ends_with("PRIVATE KEY-----")) return true;
  }
  return false;
}

bool named_like_private_key(std::string_view name) {
  return (name.starts_with("id_") && !name.ends_with(".pub")) || name == "identity";
}

}  // namespace image_agent::precheck

#include "platform/result.h"

#include <cstring>

namespace image_agent {

Error Error::from_errno(std::string_view what, int code) {
  std::string message(what);
  message += ": ";
  message += std::strerror(code);
  return Error{std::move(message), code};
}

}  // namespace image_agent

#include "precheck/facts/version.h"

#include <vector>

namespace image_agent::precheck {
namespace {

std::vector<long> numbers(std::string_view version) {
  if (size_t colon = version.find(':'); colon != std::string_view::npos) version.remove_prefix(colon + 1);
  std::vector<long> parts;
  long current = 0;
  bool any = false;
  for (char c : version) {
    if (c >= '0' && c <= '9') {
      current = current * 10 + (c - '0');
      any = true;
    } else if (c == '.') {
      parts.push_back(current);
      current = 0;
      any = false;
    } else {
      break;
    }
  }
  if (any) parts.push_back(current);
  return parts;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  std::vector<long> x = numbers(a);
  std::vector<long> y = numbers(b);
  for (size_t i = 0; i < x.size() || i < y.size(); ++i) {
    long p = i < x.size() ? x[i] : 0;
    long q = i < y.size() ? y[i] : 0;
    if (p != q) return p < q ? -1 : 1;
  }
  return 0;
}

}  // namespace image_agent::precheck

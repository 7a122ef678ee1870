#pragma once

#include <string.h>

#include <string>
#include <string_view>

namespace image_agent::firstboot {

/// Holds a plaintext secret (the root password) and wipes it when destroyed. Not
/// copyable, so no stray copy outlives it; the buffer is sized once, so it never
/// reallocates and leaves old bytes behind. Never log, print or pass it in argv.
class Secret {
 public:
  Secret() = default;
  explicit Secret(size_t capacity) { value_.reserve(capacity); }
  Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }
  Secret& operator=(Secret&& other) noexcept {
    wipe();
    value_ = std::move(other.value_);
    other.wipe();
    return *this;
  }
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  ~Secret() { wipe(); }

  /// Appends within the reserved capacity (callers reserve the maximum first).
  void push_back(char c) { value_.push_back(c); }
  void pop_back() { value_.pop_back(); }
  std::string_view view() const { return value_; }
  const char* c_str() const { return value_.c_str(); }
  bool empty() const { return value_.empty(); }
  size_t size() const { return value_.size(); }

  /// Two Secrets are equal when their contents are; for tests and "unchanged" checks.
  bool operator==(const Secret& other) const { return value_ == other.value_; }

 private:
  void wipe() {
    explicit_bzero(value_.data(), value_.capacity());
    value_.clear();
  }
  std::string value_;
};

}  // namespace image_agent::firstboot

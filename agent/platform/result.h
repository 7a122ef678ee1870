#pragma once

#include <cerrno>
#include <string>
#include <utility>
#include <variant>

namespace image_agent {

/// What failed, in words a user can act on ("open /etc/shadow: Permission denied"),
/// and the errno behind it when there is one (0 otherwise).
struct Error {
  std::string message;
  int code = 0;

  /// An error for a failed system call: `what` followed by strerror(code).
  static Error from_errno(std::string_view what, int code = errno);
};

/// A value or the Error that prevented it. C++20 has no std::expected; this is the
/// subset we use.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

/// Success without a value, or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace image_agent

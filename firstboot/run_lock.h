#pragma once

// One firstboot at a time on a root: a second run (by hand while the unit runs, or two
// units on one mounted image) would plan from files the first is rewriting, and its
// rollback could undo the first's changes.
#include <chrono>
#include <functional>

#include "platform/result.h"
#include "platform/root_fs.h"
#include "platform/unique_fd.h"

namespace image_agent::firstboot {

/// An exclusive flock on the root directory itself: nothing is written to the guest, the
/// lock goes with the process however it ends, and every name of the root (a bind mount,
/// "/" and "/mnt/../") is the same directory.
class RunLock {
 public:
  /// Waits up to `wait` for another run to finish; `on_wait` is called once when it has
  /// to wait (to say so). Fails with EWOULDBLOCK when the other run still holds it then.
  static Result<RunLock> acquire(const RootFs& fs, std::chrono::milliseconds wait,
                                 const std::function<void()>& on_wait);

 private:
  explicit RunLock(UniqueFd fd) : fd_(std::move(fd)) {}
  UniqueFd fd_;  // closing it releases the lock
};

}  // namespace image_agent::firstboot

#include "firstboot/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>
#include <thread>

namespace image_agent::firstboot {

Result<RunLock> RunLock::acquire(const RootFs& fs, std::chrono::milliseconds wait,
                                 const std::function<void()>& on_wait) {
  Result<UniqueFd> root = fs.open_file("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (!root) return root.error();
  const auto give_up = std::chrono::steady_clock::now() + wait;
  for (bool told = false;; told = true) {
    if (::flock(root->get(), LOCK_EX | LOCK_NB) == 0) return RunLock(std::move(*root));
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) return Error::from_errno("lock " + fs.root());
    if (std::chrono::steady_clock::now() >= give_up)
      return Error{"another image-agent firstboot is still running on " + fs.root(), EWOULDBLOCK};
    if (!told) on_wait();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace image_agent::firstboot

#include "platform/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

// Boost 1.81's Asio builds as C++20 without the <utility> workaround 1.74 needs.
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <functional>
#include <memory>

#include "platform/unique_fd.h"

extern char** environ;

namespace image_agent {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

struct Pipe {
  UniqueFd read;
  UniqueFd write;
};

Result<Pipe> make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Error::from_errno("pipe");
  return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

/// Reads a descriptor to EOF into `sink`, keeping at most `limit` bytes.
class Drain {
 public:
  /// `done` runs once, at EOF or when the read is cancelled.
  Drain(asio::io_context& io, UniqueFd fd, std::string* sink, size_t limit, bool* truncated,
        std::function<void()> done)
      : stream_(io, fd.release()),
        sink_(sink),
        limit_(limit),
        truncated_(truncated),
        done_(std::move(done)) {}

  void start() {
    stream_.async_read_some(asio::buffer(buffer_), [this](boost::system::error_code ec, size_t n) {
      size_t keep = std::min(n, limit_ - std::min(limit_, sink_->size()));
      sink_->append(buffer_.data(), keep);
      if (keep < n) *truncated_ = true;
      if (ec) {
        done_();
      } else {
        start();
      }
    });
  }
  void cancel() {
    boost::system::error_code ignored;
    stream_.close(ignored);
  }

 private:
  asio::posix::stream_descriptor stream_;
  std::array<char, 16384> buffer_{};
  std::string* sink_;
  size_t limit_;
  bool* truncated_;
  std::function<void()> done_;
};

Result<pid_t> spawn(const std::vector<std::string>& argv, int in, int out, int err) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawnattr_init(&attr);
  ::posix_spawn_file_actions_adddup2(&actions, in, STDIN_FILENO);
  ::posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
  ::posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
  // Own process group, so the deadline kills grandchildren too; default signal handling
  // and an empty mask whatever ours are.
  sigset_t all;
  sigset_t none;
  ::sigfillset(&all);
  ::sigemptyset(&none);
  ::posix_spawnattr_setpgroup(&attr, 0);
  ::posix_spawnattr_setsigdefault(&attr, &all);
  ::posix_spawnattr_setsigmask(&attr, &none);
  ::posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  ::posix_spawn_file_actions_destroy(&actions);
  ::posix_spawnattr_destroy(&attr);
  if (rc != 0) return Error::from_errno("run " + argv[0], rc);
  return pid;
}

}  // namespace

Result<RunResult> run_program(const std::vector<std::string>& argv, const RunOptions& options) {
  if (argv.empty() || argv[0].empty()) return Error{"run: no program given", EINVAL};
  Result<Pipe> out = make_pipe();
  Result<Pipe> err = make_pipe();
  Result<Pipe> in = make_pipe();
  if (!out) return out.error();
  if (!err) return err.error();
  if (!in) return in.error();

  Result<pid_t> spawned = spawn(argv, in->read.get(), out->write.get(), err->write.get());
  if (!spawned) return spawned.error();
  const pid_t pid = *spawned;
  in->read.reset();
  out->write.reset();
  err->write.reset();

  // Writes to a child that stopped reading raise SIGPIPE; Asio may write as soon as the
  // operation starts, so block it from here, and consume any pending one at the end.
  sigset_t block_pipe;
  sigset_t previous;
  ::sigemptyset(&block_pipe);
  ::sigaddset(&block_pipe, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &block_pipe, &previous);

  RunResult result;
  int status = 0;
  bool reaped = false;
  asio::io_context io;
  asio::steady_timer deadline(io, options.deadline);
  asio::steady_timer poll(io);

  // Once both pipes are at EOF the child has usually exited; poll briefly for that, since
  // a child can close its output and still run until the deadline.
  std::function<void()> poll_exit = [&] {
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      reaped = true;
      deadline.cancel();
      return;
    }
    poll.expires_after(std::chrono::milliseconds(5));
    poll.async_wait([&](boost::system::error_code ec) {
      if (!ec && !result.timed_out) poll_exit();
    });
  };
  int open_pipes = 2;
  auto pipe_done = [&] {
    if (--open_pipes == 0 && !result.timed_out) poll_exit();
  };
  Drain out_drain(io, std::move(out->read), &result.out, options.output_limit, &result.output_truncated,
                  pipe_done);
  Drain err_drain(io, std::move(err->read), &result.err, options.output_limit, &result.output_truncated,
                  pipe_done);
  out_drain.start();
  err_drain.start();

  // stdin gets the input, if any, then EOF. A child that exits without reading it makes
  // the write fail with EPIPE, which is its business.
  asio::posix::stream_descriptor stdin_stream(io, in->write.release());
  if (options.input) {
    asio::async_write(stdin_stream, asio::buffer(*options.input), [&](boost::system::error_code, size_t) {
      boost::system::error_code ignored;
      stdin_stream.close(ignored);
    });
  } else {
    stdin_stream.close();
  }

  deadline.async_wait([&](boost::system::error_code ec) {
    if (ec) return;
    result.timed_out = true;
    ::kill(-pid, SIGKILL);
    // Descendants that left the process group may still hold the pipes: stop reading.
    out_drain.cancel();
    err_drain.cancel();
    poll.cancel();
    boost::system::error_code ignored;
    stdin_stream.close(ignored);
  });

  io.run();
  // A SIGPIPE raised meanwhile is pending; consume it before it can be delivered.
  const timespec no_wait{};
  while (::sigtimedwait(&block_pipe, nullptr, &no_wait) == SIGPIPE) {
  }
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);

  if (!reaped) {
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

}  // namespace image_agent

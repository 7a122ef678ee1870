// measure_run: runs one command and appends what it cost, as the kernel accounted it, to a
// file: "WALL_US USER_US SYS_US MAXRSS_KIB STATUS". tests/bench/report times whole
// processes with it (GNU time prints seconds with two decimals: too coarse for runs of a
// few milliseconds).
//
// Usage: measure_run OUTFILE COMMAND [ARG...]
// The command's own output goes where measure_run's goes. MAXRSS_KIB is wait4's
// ru_maxrss: the largest resident set of the command or of any descendant it waited for.
// Exit status: 0 measured (the command's status is in the line, not here); 2 usage; 1 the
// command could not be started or OUTFILE not written.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: measure_run OUTFILE COMMAND [ARG...]\n", stderr);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    std::perror("measure_run: fork");
    return 1;
  }
  if (pid == 0) {
    ::execvp(argv[2], argv + 2);
    std::fprintf(stderr, "measure_run: %s: %s\n", argv[2], std::strerror(errno));
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      std::perror("measure_run: wait4");
      return 1;
    }
  }
  const auto wall = std::chrono::steady_clock::now() - start;
  const auto micros = [](const timeval& tv) {
    return static_cast<long long>(tv.tv_sec) * 1000000 + tv.tv_usec;
  };
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::FILE* out = std::fopen(argv[1], "a");
  if (out == nullptr) {
    std::perror(argv[1]);
    return 1;
  }
  std::fprintf(out, "%lld %lld %lld %ld %d\n",
               static_cast<long long>(std::chrono::duration_cast<std::chrono::microseconds>(wall).count()),
               micros(usage.ru_utime), micros(usage.ru_stime), usage.ru_maxrss, code);
  return std::fclose(out) == 0 ? 0 : 1;
}

#include "platform/log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "platform/printable.h"

namespace image_agent::log {
namespace {

Target g_target = Target::kStderr;
Level g_threshold = Level::kInfo;
std::string g_mirror;

const char* level_name(Level level) {
  switch (level) {
    case Level::kError:
      return "error";
    case Level::kWarning:
      return "warning";
    case Level::kNotice:
      return "notice";
    case Level::kInfo:
      return "info";
    case Level::kDebug:
      return "debug";
  }
  return "info";
}

void write_journal(Level level, std::string_view message, const std::vector<Field>& fields) {
  std::vector<std::string> lines;
  lines.reserve(fields.size() + 3);
  lines.push_back("MESSAGE=" + std::string(message));
  lines.push_back("PRIORITY=" + std::to_string(static_cast<int>(level)));
  lines.emplace_back("SYSLOG_IDENTIFIER=image-agent");
  for (const auto& [name, value] : fields) lines.push_back(std::string(name).append("=").append(value));
  std::vector<iovec> iov;
  iov.reserve(lines.size());
  for (std::string& line : lines) iov.push_back({line.data(), line.size()});
  if (sd_journal_sendv(iov.data(), static_cast<int>(iov.size())) < 0) {
    // journald is gone (shutdown, chroot): stderr is still better than silence.
    std::fprintf(stderr, "image-agent: %s\n", std::string(message).c_str());
  }
}

std::string plain_line(Level level, std::string_view message) {
  std::string line = "image-agent: ";
  if (level <= Level::kWarning) line += std::string(level_name(level)) + ": ";
  line += message;
  line += '\n';
  return line;
}

void write_stderr(Level level, std::string_view message) {
  std::string line = plain_line(level, message);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void write_mirror(Level level, std::string_view message) {
  // O_NOCTTY: a console must never become our controlling terminal.
  int fd = ::open(g_mirror.c_str(), O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return;
  std::string line = plain_line(level, message);
  ssize_t written = ::write(fd, line.data(), line.size());
  static_cast<void>(written);  // best effort: the journal holds the entry
  ::close(fd);
}

}  // namespace

Target detect_target(const char* journal_stream, int stderr_fd) {
  if (journal_stream == nullptr) return Target::kStderr;
  unsigned long long device = 0;
  unsigned long long inode = 0;
  if (std::sscanf(journal_stream, "%llu:%llu", &device, &inode) != 2) return Target::kStderr;
  struct stat st {};
  if (::fstat(stderr_fd, &st) != 0) return Target::kStderr;
  return st.st_dev == device && st.st_ino == inode ? Target::kJournal : Target::kStderr;
}

void configure(Target target, Level threshold) {
  g_target = target == Target::kAuto ? detect_target(std::getenv("JOURNAL_STREAM"), STDERR_FILENO) : target;
  g_threshold = threshold;
}

void write(Level level, std::string_view message, const std::vector<Field>& fields) {
  if (level > g_threshold) return;
  // Messages quote the guest (file names, values, parse errors): escaped here, where every
  // message passes, rather than at each call site, so no terminal, console or journalctl
  // ever gets an ESC sequence from an image, nor a newline that forges a log line. The
  // extra journal fields stay exact: they are data for programs, and journald stores any
  // bytes.
  const std::string shown = printable(message);
  if (g_target == Target::kJournal) {
    write_journal(level, shown, fields);
    if (!g_mirror.empty()) write_mirror(level, shown);
  } else {
    write_stderr(level, shown);
  }
}

Target target() {
  return g_target;
}

void mirror_to(std::string path) {
  g_mirror = std::move(path);
}

void notify_status(std::string_view status) {
  std::string line = "STATUS=" + std::string(status);
  sd_notify(0, line.c_str());
}

bool parse_level(std::string_view text, Level* level) {
  for (Level l : {Level::kError, Level::kWarning, Level::kNotice, Level::kInfo, Level::kDebug}) {
    if (text == level_name(l)) {
      *level = l;
      return true;
    }
  }
  return false;
}

}  // namespace image_agent::log

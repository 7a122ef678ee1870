#include "platform/log.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>

#include "test_support/temp_dir.h"

namespace image_agent {
namespace {

using testing::TempDir;

TEST(LogTarget, JournalOnlyWhenJournalStreamIsOurStderr) {
  TempDir dir;
  testing::write_file(dir / "stderr", "");
  int fd = ::open((dir / "stderr").c_str(), O_WRONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  struct stat st {};
  ASSERT_EQ(::fstat(fd, &st), 0);
  std::string same = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  std::string other = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino + 1);
  EXPECT_EQ(log::detect_target(same.c_str(), fd), log::Target::kJournal);
  EXPECT_EQ(log::detect_target(other.c_str(), fd), log::Target::kStderr);
  EXPECT_EQ(log::detect_target(nullptr, fd), log::Target::kStderr);
  EXPECT_EQ(log::detect_target("garbage", fd), log::Target::kStderr);
  ::close(fd);
}

TEST(LogLevel, ParsesEveryName) {
  log::Level level = log::Level::kInfo;
  EXPECT_TRUE(log::parse_level("debug", &level));
  EXPECT_EQ(level, log::Level::kDebug);
  EXPECT_TRUE(log::parse_level("error", &level));
  EXPECT_EQ(level, log::Level::kError);
  EXPECT_FALSE(log::parse_level("loud", &level));
  EXPECT_EQ(level, log::Level::kError);
}

/// Captures what is written to fd 2 while it lives.
class StderrCapture {
 public:
  explicit StderrCapture(const std::string& path) {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
  }
  ~StderrCapture() {
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
  }

 private:
  int saved_ = -1;
};

TEST(LogWrite, StderrLinesCarryLevelAndRespectThreshold) {
  TempDir dir;
  {
    StderrCapture capture(dir / "err");
    log::configure(log::Target::kStderr, log::Level::kInfo);
    log::error("partition 1 not found", {{"IMAGE_AGENT_GROUP", "network"}});
    log::warning("unknown key 'foo' on line 3");
    log::info("host name set");
    log::debug("not shown at info");
  }
  EXPECT_EQ(testing::read_file(dir / "err"),
            "image-agent: error: partition 1 not found\n"
            "image-agent: warning: unknown key 'foo' on line 3\n"
            "image-agent: host name set\n");
}

// Issue 15 #11: a guest's file name or value in a message must not reach a terminal as
// an escape sequence, nor forge a second log line.
TEST(LogWrite, GuestBytesInAMessageAreEscapedOnStderrAndTheConsole) {
  TempDir dir;
  testing::write_file(dir / "console", "", 0600);
  const std::string hostile =
      "/root/.ssh/id_rsa\x1b]0;pwned\x07\nimage-agent: all settings applied \xC2\x9B\xFF";
  const std::string shown =
      "/root/.ssh/id_rsa\\x1b]0;pwned\\x07\\x0aimage-agent: all settings applied \\xc2\\x9b\\xff";
  {
    StderrCapture capture(dir / "err");
    log::configure(log::Target::kStderr, log::Level::kInfo);
    log::error(hostile);
  }
  EXPECT_EQ(testing::read_file(dir / "err"), "image-agent: error: " + shown + "\n");
  {
    StderrCapture capture(dir / "err2");
    log::configure(log::Target::kJournal, log::Level::kInfo);
    log::mirror_to(dir / "console");
    log::info(hostile);
    log::mirror_to("");
  }
  EXPECT_EQ(testing::read_file(dir / "console"), "image-agent: " + shown + "\n");
}

TEST(LogWrite, JournalEntriesAreMirroredToTheConsoleLine) {
  TempDir dir;
  testing::write_file(dir / "console", "", 0600);
  {
    // Outside systemd the journal write falls back to stderr: keep it out of the output.
    StderrCapture capture(dir / "err");
    log::configure(log::Target::kJournal, log::Level::kInfo);
    log::mirror_to(dir / "console");
    log::warning("network: eth1 has no MAC");
    log::info("all settings applied");
    log::debug("not shown at info");
    log::mirror_to("");
    log::info("after the mirror is off");
  }
  EXPECT_EQ(testing::read_file(dir / "console"),
            "image-agent: warning: network: eth1 has no MAC\n"
            "image-agent: all settings applied\n");

  // On stderr there is nothing to mirror: the line is already where the user looks.
  {
    StderrCapture capture(dir / "err2");
    log::configure(log::Target::kStderr, log::Level::kInfo);
    log::mirror_to(dir / "console");
    log::info("stderr only");
    log::mirror_to("");
  }
  EXPECT_EQ(testing::read_file(dir / "console"),
            "image-agent: warning: network: eth1 has no MAC\n"
            "image-agent: all settings applied\n");
  EXPECT_EQ(testing::read_file(dir / "err2"), "image-agent: stderr only\n");
}

TEST(LogNotify, SendsStatusToTheNotifySocket) {
  TempDir dir;
  const std::string path = dir / "notify";
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  ASSERT_LT(path.size(), sizeof address.sun_path);
  std::copy(path.begin(), path.end(), address.sun_path);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);

  ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  log::notify_status("applying network settings");
  ::unsetenv("NOTIFY_SOCKET");

  char buffer[256] = {};
  ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
  ::close(fd);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buffer, static_cast<size_t>(n)), "STATUS=applying network settings");
}

}  // namespace
}  // namespace image_agent

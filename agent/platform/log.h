#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace image_agent::log {

/// Severity, with syslog's numbers (the journal's PRIORITY field).
enum class Level { kError = 3, kWarning = 4, kNotice = 5, kInfo = 6, kDebug = 7 };

/// Where entries go. kAuto: the journal when our stderr is connected to it (systemd sets
/// JOURNAL_STREAM for services), else stderr.
enum class Target { kAuto, kJournal, kStderr };

/// An extra journal field, e.g. {"IMAGE_AGENT_GROUP", "network"}. Names are upper case.
using Field = std::pair<std::string, std::string>;

/// Set once by the command layer before anything is logged.
void configure(Target target, Level threshold);

/// Logs one entry. Under the journal it carries MESSAGE, PRIORITY, SYSLOG_IDENTIFIER and
/// `fields`; on stderr it is one line, "image-agent: warning: ...". The message is shown
/// through printable() (controls and invalid UTF-8 as \xNN); `fields` are kept as given.
void write(Level level, std::string_view message, const std::vector<Field>& fields = {});

inline void error(std::string_view m, const std::vector<Field>& f = {}) {
  write(Level::kError, m, f);
}
inline void warning(std::string_view m, const std::vector<Field>& f = {}) {
  write(Level::kWarning, m, f);
}
inline void info(std::string_view m, const std::vector<Field>& f = {}) {
  write(Level::kInfo, m, f);
}
inline void debug(std::string_view m, const std::vector<Field>& f = {}) {
  write(Level::kDebug, m, f);
}

/// The target configure() settled on: kJournal or kStderr.
Target target();

/// In journal mode, also writes each entry as an "image-agent: ..." line to `path`:
/// firstboot at boot mirrors to /dev/console, which the cloud's serial console shows to a
/// user whose instance did not come up. Opened per entry; one that cannot be opened is
/// skipped silently (the journal has the entry). Empty: no mirror. On stderr (a terminal,
/// a sysvinit console) there is nothing to mirror.
void mirror_to(std::string path);

/// Tells the service manager our status (sd_notify "STATUS="); a no-op outside systemd.
void notify_status(std::string_view status);

/// The target kAuto means here: kJournal when `journal_stream` (the JOURNAL_STREAM
/// variable, "DEVICE:INODE") names the file that stderr is.
Target detect_target(const char* journal_stream, int stderr_fd);

/// Parses "error", "warning", "notice", "info" or "debug".
bool parse_level(std::string_view text, Level* level);

}  // namespace image_agent::log

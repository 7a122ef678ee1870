#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent {

// /etc/passwd, /etc/group and /etc/shadow of a guest, read as files. image-agent is
// static and may configure a tree that is not the running system, so it never asks NSS
// (getpwnam and friends).

struct PasswdEntry {
  std::string name;
  std::string password;  ///< "x" when the hash is in /etc/shadow
  uid_t uid = 0;
  gid_t gid = 0;
  std::string gecos;
  std::string home;
  std::string shell;
  int line = 0;
};

struct GroupEntry {
  std::string name;
  std::string password;
  gid_t gid = 0;
  std::vector<std::string> members;
  int line = 0;
};

/// One /etc/shadow line. Numeric fields stay text: they may be empty, and a rewrite
/// must reproduce them exactly.
struct ShadowEntry {
  std::string name;
  std::string hash;  ///< secret: never log or report it
  std::string last_change;
  std::string min_age;
  std::string max_age;
  std::string warn_period;
  std::string inactive_period;
  std::string expire_date;
  std::string reserved;
  int line = 0;
};

/// A malformed line, which NSS would skip; reported so checks can say so.
struct BadLine {
  int line = 0;
  std::string reason;
};

template <typename Entry>
struct AccountFile {
  std::vector<Entry> entries;
  std::vector<BadLine> bad_lines;

  const Entry* find(std::string_view name) const {
    for (const Entry& e : entries) {
      if (e.name == name) return &e;
    }
    return nullptr;
  }
};

/// Pure parsers. Blank lines, comments and NIS compat lines ("+", "-") are skipped.
AccountFile<PasswdEntry> parse_passwd(std::string_view text);
AccountFile<GroupEntry> parse_group(std::string_view text);
AccountFile<ShadowEntry> parse_shadow(std::string_view text);

/// Reads and parses the guest's /etc/passwd, /etc/group, /etc/shadow.
Result<AccountFile<PasswdEntry>> read_passwd(const RootFs& fs);
Result<AccountFile<GroupEntry>> read_group(const RootFs& fs);
Result<AccountFile<ShadowEntry>> read_shadow(const RootFs& fs);

}  // namespace image_agent

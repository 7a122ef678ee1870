#pragma once

// A fixture root after `image-agent firstboot --root DIR`, as the cloud would have it: the
// seed's os.conf (VPC or classic) placed on partition 1 inside the tree, the real binary
// run on it once. What the tests of tests/guests read back from it.
#include <ostream>
#include <string>
#include <vector>

#include "firstboot/os_conf.h"
#include "guest_root.h"
#include "test_support/temp_dir.h"

namespace image_agent::guests {

/// One guest and one of the seed's two os.conf files.
struct Case {
  Guest guest;
  std::string os_conf;  ///< "vpc" or "classic": tests/data/firstboot/network/osconf/NAME.conf
};

/// "Centos7NmVpc", for GoogleTest.
std::string case_name(const Case& c);
void PrintTo(const Case& c, std::ostream* out);

/// Every guest with both os.conf files.
std::vector<Case> all_cases();

class Firstbooted {
 public:
  explicit Firstbooted(const Case& c);

  /// Runs firstboot on the tree again with the same os.conf put back.
  RunResult run_again();

  const std::string& root() const { return root_; }
  /// The host path of a guest path.
  std::string host(const std::string& guest_path) const { return root_ + guest_path; }
  const std::string& os_conf_path() const { return os_conf_path_; }
  const std::string& os_conf_text() const { return os_conf_text_; }
  const firstboot::OsConf& conf() const { return conf_; }
  const RunResult& result() const { return result_; }
  /// /etc/shadow's mode and group before firstboot ran.
  unsigned shadow_mode() const { return shadow_mode_; }
  unsigned shadow_gid() const { return shadow_gid_; }
  /// The exit status and the log, for failure messages.
  std::string log() const;

  /// Guest paths of the regular files under `dir` whose first line says firstboot owns them.
  std::vector<std::string> owned_files(const std::string& dir) const;
  /// Copies owned_files(dir) into `scratch` (by base name), for readers that take a folder.
  void copy_owned(const std::string& dir, const std::string& scratch) const;

 private:
  testing::TempDir tmp_;
  std::string root_;
  std::string os_conf_path_;
  std::string os_conf_text_;
  firstboot::OsConf conf_;
  RunResult result_;
  unsigned shadow_mode_ = 0;
  unsigned shadow_gid_ = 0;
};

/// Content of a host file, or "" when it does not exist (never through a dangling link).
std::string read_or_empty(const std::string& path);

}  // namespace image_agent::guests

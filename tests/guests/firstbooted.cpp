#include "firstbooted.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "guest/own_files.h"

namespace image_agent::guests {
namespace {

namespace fs = std::filesystem;
using image_agent::testing::read_file;
using image_agent::testing::write_file;

}  // namespace

std::string case_name(const Case& c) {
  return c.guest.test_name() + (c.os_conf == "vpc" ? "Vpc" : "Classic");
}

void PrintTo(const Case& c, std::ostream* out) {
  *out << case_name(c);
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const Guest& guest : guests()) {
    for (const char* os_conf : {"vpc", "classic"}) cases.push_back({guest, os_conf});
  }
  return cases;
}

Firstbooted::Firstbooted(const Case& c) : root_(tmp_ / "root") {
  make_root(c.guest, root_);
  os_conf_text_ = read_file(std::string(OS_CONF_DATA) + "/" + c.os_conf + ".conf");
  conf_ = firstboot::parse_os_conf(os_conf_text_);
  // The cloud writes it into partition 1 (0644 root, as debugfs or the cloud's agent do).
  os_conf_path_ = root_ + "/" + c.guest.family->os_conf_dir + "/os.conf";
  write_file(os_conf_path_, os_conf_text_);
  struct stat shadow {};
  if (::stat(host("/etc/shadow").c_str(), &shadow) == 0) {
    shadow_mode_ = shadow.st_mode & 07777;
    shadow_gid_ = shadow.st_gid;
  }
  result_ = run_agent({"firstboot", "--root", root_});
}

RunResult Firstbooted::run_again() {
  write_file(os_conf_path_, os_conf_text_);
  return run_agent({"firstboot", "--root", root_});
}

std::string Firstbooted::log() const {
  return "exit status " + std::to_string(result_.exit_code) + "\n" + result_.out + result_.err;
}

std::vector<std::string> Firstbooted::owned_files(const std::string& dir) const {
  std::vector<std::string> owned;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(host(dir), error)) {
    if (!entry.is_regular_file() || entry.is_symlink()) continue;
    if (guest::is_owned(read_file(entry.path())))
      owned.push_back(dir + "/" + entry.path().filename().string());
  }
  std::sort(owned.begin(), owned.end());
  return owned;
}

void Firstbooted::copy_owned(const std::string& dir, const std::string& scratch) const {
  fs::create_directories(scratch);
  for (const std::string& path : owned_files(dir)) {
    write_file(scratch + "/" + fs::path(path).filename().string(), read_file(host(path)));
  }
}

std::string read_or_empty(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  return read_file(path);
}

}  // namespace image_agent::guests

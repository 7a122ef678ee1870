#include "test_support/debian_root.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "platform/process.h"

namespace image_agent::testing {

std::string extract_debian_root(const std::string& packages, const std::string& dir,
                                std::string* skip_reason) {
  RunOptions build;
  build.deadline = std::chrono::minutes(15);
  Result<RunResult> made =
      run_program({IMAGE_AGENT_SOURCE_DIR "/tests/sysprep/make-debian-root", packages}, build);
  if (!made) {
    ADD_FAILURE() << made.error().message;
    return "";
  }
  if (made->exit_code == 77) {
    *skip_reason = "SKIPPED: " + made->err;
    return "";
  }
  if (!made->succeeded()) {
    ADD_FAILURE() << "make-debian-root failed:\n" << made->err;
    return "";
  }
  std::string tarball = made->out.substr(0, made->out.find('\n'));
  const std::string root = dir + "/root";
  std::filesystem::create_directories(root);
  RunOptions extract;
  extract.deadline = std::chrono::minutes(5);
  Result<RunResult> tar = run_program({"tar", "-xpf", tarball, "-C", root, "--numeric-owner"}, extract);
  if (!tar || !tar->succeeded()) {
    ADD_FAILURE() << "tar failed: " << (tar ? tar->err : tar.error().message);
    return "";
  }
  return root;
}

}  // namespace image_agent::testing

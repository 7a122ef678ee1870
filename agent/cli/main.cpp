// image-agent: parses the command line and dispatches; the work is in the libraries.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    return image_agent::cli::run_command_line(args);
  } catch (const std::exception& e) {
    // Libraries return errors as values; reaching here is a bug, never a success.
    std::fprintf(stderr, "image-agent: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "image-agent: internal error\n");
  }
  return image_agent::cli::kExitFailed;
}

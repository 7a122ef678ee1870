#pragma once

// What a user would compare between two states of a guest tree after a crash or a fault:
// each path's type, mode, owner and whole content. The checks the fault and kill-point
// tests make of every run: each file entirely old or entirely new, no temp file left.
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace image_agent::testing {

/// Path below the top ("/etc/shadow") -> "MODE UID:GID" and the content (a link's target).
using TreeState = std::map<std::string, std::string>;

/// The tree under `top`, symlinks recorded and never followed, FIFOs never opened, device
/// nodes by their numbers, files over 16 MiB by their size and modification time. `mask` may rewrite a
/// file's content before it is recorded (a password hash with a random salt).
TreeState tree_state(
    const std::string& top,
    const std::function<std::string(const std::string& path, std::string content)>& mask = {});

/// Whether a file name is one of RootFs::replace_file's temp files
/// (".NAME.image-agent-XXXXXXXX").
bool is_agent_temp(const std::string& path);

/// The paths of `now` that are neither as in `before` nor as in `after` (a path absent
/// from one counts as absent there), with what they hold: torn or foreign states. Temp
/// files of ours are left to the caller (see is_agent_temp), and so is anything
/// `allowed` accepts.
std::vector<std::string> torn_paths(
    const TreeState& before, const TreeState& after, const TreeState& now,
    const std::function<bool(const std::string& path, const std::string& state)>& allowed = {});

/// The differences between two states, one line each, for failure messages.
std::string describe_differences(const TreeState& expected, const TreeState& actual);

}  // namespace image_agent::testing

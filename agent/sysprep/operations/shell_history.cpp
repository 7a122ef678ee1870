// shell-history: commands typed while preparing an image (passwords on command lines,
// hosts, tokens) would ship in every clone. Seed 003 step 1 asks to delete such data.
#include <array>

#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

// Where bash, sh (ksh, ash), zsh, fish, python, mysql and less keep history, relative
// to a home.
constexpr std::array<std::string_view, 12> kHistories{
    ".bash_history",
    ".sh_history",   // ksh, mksh
    ".ash_history",  // busybox ash
    ".zsh_history",
    ".zhistory",
    ".histfile",  // zsh-newuser-install's default
    ".local/share/fish/fish_history",
    ".config/fish/fish_history",  // fish before 2.3
    ".python_history",
    ".mysql_history",
    ".lesshst",
    ".local/state/lesshst",  // less >= 590 with XDG_STATE_HOME
};

Plan plan(const Context& context) {
  Plan plan = home_plan(context);
  for (const Home& home : context.homes()) {
    for (std::string_view history : kHistories) {
      // A symlinked history is removed as a link; its target is not touched.
      if (std::optional<std::string> path = path_in_home(context, home, history, plan)) {
        plan_remove_entry(context, *path, plan);
      }
    }
  }
  return plan;
}

}  // namespace

const Operation kShellHistory{
    "shell-history",
    "~/.bash_history, ~/.sh_history, ~/.ash_history, ~/.zsh_history, ~/.zhistory, ~/.histfile, fish_history, "
    "~/.python_history, ~/.mysql_history, lesshst of root and every home",
    true, &plan};

}  // namespace image_agent::sysprep::ops

#include "firstboot/network/network_group.h"

#include "firstboot/network/backend.h"
#include "firstboot/network/nic_names.h"
#include "guest/network_stack.h"
#include "platform/log.h"
#include "platform/process.h"
#include "platform/text.h"

namespace image_agent::firstboot {

Result<GroupPlan> plan_network(const RootFs& fs, const NetworkSettings& settings, const std::string& backend,
                               bool live, std::string* detail) {
  std::string name = backend;
  if (name.empty()) {
    Result<std::string> detected = guest::detect_network_stack(fs);
    if (!detected) return detected.error();
    name = *detected;
  }
  std::unique_ptr<NetworkBackend> stack = make_backend(name);
  if (stack == nullptr) return Error{"unknown network backend '" + name + "'", EINVAL};
  *detail = "backend " + name;

  NicNames names;
  if (stack->needs_nic_names()) {
    Result<NicNames> resolved = resolve_nic_names(settings, fs, live);
    if (!resolved) return resolved.error();
    names = std::move(*resolved);
  } else if (live) {
    // A stack that binds our profiles by MAC writes no name, but the user's profiles name
    // the NIC as the kernel does (an installer's keyfile says interface-name=ens3): with the
    // live names, a stock profile for our NIC is recognised and taken over. A NIC not found
    // by its MAC keeps its os.conf name; it is bound by MAC all the same.
    if (Result<NicNames> resolved = resolve_nic_names(settings, fs, true))
      names.by_index = std::move(resolved->by_index);
  }
  Result<FileChanges> files = stack->plan(settings, names, fs);
  if (!files) return files.error();
  GroupPlan plan;
  plan.group = "network";
  plan.files = std::move(*files);
  // One journal entry per stock profile taken over: which file, and where it went.
  for (const FileChange& change : plan.files) {
    if (change.kind != FileChange::Kind::kCopy) continue;
    std::string message =
        concat({"took over ", change.content, " (a stock DHCP profile for an os.conf NIC): set aside as ",
                change.path, "; image-agent sysprep puts it back"});
    std::vector<log::Field> fields{{"IMAGE_AGENT_DISPLACED", change.content},
                                   {"IMAGE_AGENT_DISPLACED_TO", change.path}};
    plan.actions.push_back({concat({"take over ", change.content, ": set aside as ", change.path}),
                            [message, fields]() -> Result<void> {
                              log::info(message, fields);
                              return {};
                            }});
  }
  if (std::vector<std::string> command = stack->live_regenerate_command(); live && !command.empty()) {
    std::string shown = join(command, " ");
    plan.actions.push_back({"run " + shown, [command, shown]() -> Result<void> {
                              RunOptions options;
                              options.deadline = std::chrono::seconds(60);
                              Result<RunResult> run = run_program(command, options);
                              if (!run) return run.error();
                              if (!run->succeeded()) return Error{shown + " failed: " + run->err, EIO};
                              return {};
                            }});
  }
  return plan;
}

}  // namespace image_agent::firstboot

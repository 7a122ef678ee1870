#include "firstboot/hostname.h"

#include <unistd.h>

#include <cerrno>

#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

std::vector<std::string> to_strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

std::string join_lines(const std::vector<std::string>& all) {
  std::string text;
  for (const std::string& line : all) text += line + "\n";
  return text;
}

/// Replaces the value of `KEY=` lines in a shell-style file, keeping everything else.
/// Returns false when the file has no such line.
bool replace_assignment(std::vector<std::string>* lines, const std::string& key, const std::string& value) {
  bool found = false;
  for (std::string& line : *lines) {
    size_t start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line.compare(start, key.size() + 1, key + "=") == 0) {
      line = key + "=" + value;
      found = true;
    }
  }
  return found;
}

}  // namespace

std::string hosts_with_name(const std::string& hosts, const std::string& name) {
  std::string entry = "127.0.1.1\t" + name;
  if (size_t dot = name.find('.'); dot != std::string::npos) entry += " " + name.substr(0, dot);
  std::vector<std::string> lines = to_strings(image_agent::lines(hosts));
  for (std::string& line : lines) {
    size_t start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line.compare(start, 9, "127.0.1.1") == 0 &&
        (line.size() == start + 9 || line[start + 9] == ' ' || line[start + 9] == '\t')) {
      line = entry;
      return join_lines(lines);
    }
  }
  lines.push_back(entry);
  return join_lines(lines);
}

Result<GroupPlan> plan_hostname(const RootFs& fs, const std::string& name, bool live) {
  GroupPlan plan;
  plan.group = "hostname";
  plan.files.push_back({FileChange::Kind::kWrite, "/etc/hostname", name + "\n", 0644});
  if (fs.exists("/etc/HOSTNAME"))
    plan.files.push_back({FileChange::Kind::kWrite, "/etc/HOSTNAME", name + "\n", 0644});

  Result<std::optional<std::string>> network = read_if_exists(fs, "/etc/sysconfig/network");
  if (!network) return network.error();
  if (*network) {
    std::vector<std::string> lines = to_strings(image_agent::lines(**network));
    if (replace_assignment(&lines, "HOSTNAME", name)) {
      plan.files.push_back({FileChange::Kind::kWrite, "/etc/sysconfig/network", join_lines(lines), 0644});
    }
  }

  Result<std::optional<std::string>> hosts = read_if_exists(fs, "/etc/hosts");
  if (!hosts) return hosts.error();
  std::string base = hosts->value_or("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
  plan.files.push_back({FileChange::Kind::kWrite, "/etc/hosts", hosts_with_name(base, name), 0644});

  if (live) {
    plan.actions.push_back({"set the running host name to " + name, [name]() -> Result<void> {
                              if (::sethostname(name.data(), name.size()) != 0) {
                                return Error::from_errno("sethostname " + name);
                              }
                              return {};
                            }});
  }
  return plan;
}

}  // namespace image_agent::firstboot

#include "firstboot/hostname.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "platform/shell_assignments.h"
#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

std::string join_lines(const std::vector<std::string_view>& all) {
  std::string text;
  for (std::string_view line : all) text.append(line).append("\n");
  return text;
}

}  // namespace

std::string hosts_with_name(const std::string& hosts, const std::string& name) {
  std::string entry = "127.0.1.1\t" + name;
  if (size_t dot = name.find('.'); dot != std::string::npos) entry += " " + name.substr(0, dot);
  std::vector<std::string_view> lines = image_agent::lines(hosts);
  for (std::string_view& line : lines) {
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
  Result<bool> old_suse_name = fs.present("/etc/HOSTNAME");
  if (!old_suse_name) return old_suse_name.error();
  if (*old_suse_name) plan.files.push_back({FileChange::Kind::kWrite, "/etc/HOSTNAME", name + "\n", 0644});

  // RHEL 6 and older keep HOSTNAME= in this file; on SUSE the same path is a directory.
  Result<struct stat> network_st = fs.stat("/etc/sysconfig/network");
  if (!network_st && network_st.error().code != ENOENT) return network_st.error();
  if (network_st && S_ISREG(network_st->st_mode)) {
    Result<std::string> network = fs.read_file("/etc/sysconfig/network");
    if (!network) return network.error();
    if (std::optional<std::string> edited = replace_assignment(*network, "HOSTNAME", name)) {
      plan.files.push_back({FileChange::Kind::kWrite, "/etc/sysconfig/network", *edited, 0644});
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

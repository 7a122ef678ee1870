// Debian ifupdown: /etc/network/interfaces.d/image-agent with, per NIC, `auto NAME` and
// `iface NAME inet static` (NAME the kernel name, nic_names.h), address and netmask, the
// default gateway on the NIC that carries it, and every other route as an `up ip route
// replace` line ("replace" so that bringing the NIC up twice does not fail; the kernel
// drops the routes itself when the address goes, so no `down` lines are needed).
// /etc/network/interfaces must read that file: when no `source`/`source-directory` line
// already covers it, one `source` line for exactly our file is appended (the rest of the
// user's file is kept byte for byte; other files in interfaces.d stay as unread as they were).
//
// Not fighting the user's files: ifupdown uses the first `iface NAME inet` stanza it reads
// for an interface and ignores the rest, and has no priorities. A user stanza for one of
// our interfaces, in /etc/network/interfaces or any file it sources, is therefore an error
// naming that file.

#include <fnmatch.h>

#include <cerrno>
#include <set>
#include <sstream>

#include "firstboot/network/backends.h"
#include "firstboot/network/nic_plan.h"
#include "firstboot/network/owned_files.h"

namespace image_agent::firstboot {
namespace {

constexpr const char* kInterfaces = "/etc/network/interfaces";
constexpr const char* kOurs = "/etc/network/interfaces.d/image-agent";
constexpr int kMaxSourceDepth = 8;

std::string stanzas(const std::vector<NicPlan>& nics) {
  std::string out = owned_header();
  for (const NicPlan& nic : nics) {
    out += "\nauto " + nic.name + "\niface " + nic.name + " inet static\n";
    out += "    address " + nic.nic->address + "\n    netmask " + netmask_of(nic.nic->prefix) + "\n";
    if (!nic.gateway.empty()) out += "    gateway " + nic.gateway + "\n";
    for (const Route& route : nic.routes) {
      out += "    up ip route replace " + destination_of(route) + " via " + route.gateway + " dev " +
             nic.name + "\n";
    }
  }
  return out;
}

std::vector<std::string> words_of(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// ifupdown resolves relative `source` paths against /etc/network.
std::string absolute(const std::string& path) {
  return path.starts_with("/") ? path : "/etc/network/" + path;
}

// The names `source-directory` includes (run-parts' rule).
bool run_parts_name(const std::string& name) {
  return !name.empty() &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
             std::string::npos;
}

// Files a `source` glob or `source-directory` names, as ifupdown would expand them.
std::vector<std::string> sourced_files(const RootFs& fs, const std::vector<std::string>& words) {
  std::vector<std::string> files;
  if (words.size() < 2) return files;
  std::string target = absolute(words[1]);
  bool directory = words[0] == "source-directory";
  std::string dir = directory ? target : target.substr(0, target.rfind('/'));
  std::string pattern = directory ? "" : target.substr(target.rfind('/') + 1);
  Result<std::vector<DirEntry>> entries = fs.list(dir);
  if (!entries) return files;
  for (const DirEntry& entry : *entries) {
    bool wanted =
        directory ? run_parts_name(entry.name) : ::fnmatch(pattern.c_str(), entry.name.c_str(), 0) == 0;
    if (wanted && entry.type != S_IFDIR) files.push_back(dir + "/" + entry.name);
  }
  return files;
}

struct Scan {
  bool sources_ours = false;
  std::string conflict;  ///< the error, when a user stanza configures one of our NICs
};

void scan(const RootFs& fs, const std::string& path, const std::set<std::string>& names, int depth,
          std::set<std::string>& seen, Scan& result) {
  if (depth > kMaxSourceDepth || !seen.insert(path).second || !result.conflict.empty()) return;
  Result<std::optional<std::string>> content = read_if_exists(fs, path);
  if (!content || !*content) return;
  bool ours = path == kOurs || is_owned(**content);
  std::istringstream in(**content);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> words = words_of(line);
    if (words.empty() || words[0].starts_with("#")) continue;
    if (words[0] == "source" || words[0] == "source-directory") {
      for (const std::string& file : sourced_files(fs, words)) {
        if (file == kOurs) result.sources_ours = true;
        scan(fs, file, names, depth + 1, seen, result);
      }
    } else if (words[0] == "iface" && words.size() >= 3 && words[2] == "inet" && !ours &&
               names.count(words[1]) != 0) {
      result.conflict = path + " has its own `iface " + words[1] +
                        " inet` stanza, and ifupdown would use only one of the two: remove that stanza "
                        "(image-agent leaves the user's files alone)";
      return;
    }
  }
}

class IfupdownBackend final : public NetworkBackend {
 public:
  std::string_view name() const override { return "ifupdown"; }
  bool needs_nic_names() const override { return true; }

  Result<FileChanges> plan(const NetworkSettings& settings, const NicNames& names,
                           const RootFs& fs) const override {
    std::vector<NicPlan> nics = plan_nics(settings, names);
    std::set<std::string> kernel_names;
    for (const NicPlan& nic : nics) kernel_names.insert(nic.name);
    if (Result<void> ok = claim(fs, kOurs); !ok) return ok.error();
    // Our file may not exist yet: covers_ours() also recognises a `source` line by name.
    Result<std::optional<std::string>> interfaces = read_if_exists(fs, kInterfaces);
    if (!interfaces) return interfaces.error();
    Scan result;
    std::set<std::string> seen;
    scan(fs, kInterfaces, kernel_names, 0, seen, result);
    if (!result.conflict.empty()) return Error{result.conflict, EEXIST};
    if (!result.sources_ours && *interfaces) result.sources_ours = covers_ours(**interfaces);

    FileChanges changes = names.pin_files;
    changes.push_back({FileChange::Kind::kWrite, kOurs, stanzas(nics), 0644});
    if (!*interfaces) {
      changes.push_back({FileChange::Kind::kWrite, kInterfaces,
                         owned_header() + "\nauto lo\niface lo inet loopback\n\nsource " + kOurs + "\n",
                         0644});
    } else if (!result.sources_ours) {
      std::string text = **interfaces;
      if (!text.empty() && text.back() != '\n') text += "\n";
      text +=
          "\n# Added by image-agent firstboot: the interfaces configured from the cloud's os.conf.\nsource ";
      text += std::string(kOurs) + "\n";
      changes.push_back({FileChange::Kind::kWrite, kInterfaces, text, 0644});
    }
    return changes;
  }

 private:
  // Whether a `source` line matches our file by name even though it does not exist yet.
  static bool covers_ours(const std::string& interfaces) {
    std::istringstream in(interfaces);
    for (std::string line; std::getline(in, line);) {
      std::vector<std::string> words = words_of(line);
      if (words.size() < 2) continue;
      std::string target = absolute(words[1]);
      if (words[0] == "source" && ::fnmatch(target.c_str(), kOurs, FNM_PATHNAME) == 0) return true;
      if (words[0] == "source-directory" &&
          (target == "/etc/network/interfaces.d" || target == "/etc/network/interfaces.d/")) {
        return true;
      }
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<NetworkBackend> make_ifupdown_backend() {
  return std::make_unique<IfupdownBackend>();
}

}  // namespace image_agent::firstboot

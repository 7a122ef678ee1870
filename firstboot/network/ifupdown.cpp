// Debian ifupdown: /etc/network/interfaces.d/image-agent with, per NIC, `auto NAME` and
// `iface NAME inet static` (NAME the kernel name, nic_names.h), address and netmask, the
// default gateway on the NIC that carries it, and every other route as an `up ip route
// replace` line ("replace" so that bringing the NIC up twice does not fail; the kernel
// drops the routes itself when the address goes, so no `down` lines are needed), and
// os.conf's DNS servers as `dns-nameservers` on the NIC with the default route.
// /etc/network/interfaces must read that file: when no `source`/`source-directory` line
// already covers it, one `source` line for exactly our file is appended (the rest of the
// user's file is kept byte for byte; other files in interfaces.d stay as unread as they were).
//
// Not fighting the user's files: ifupdown uses the first `iface NAME inet` stanza it reads
// for an interface and ignores the rest, and has no priorities. A user stanza for one of
// our interfaces, in /etc/network/interfaces or any file it sources, is therefore an error
// naming that file, unless it is a stock DHCP stanza (the Debian installer's): then that
// file is set aside whole and rewritten without the stanza (take_over.h).

#include <fnmatch.h>

#include <cerrno>
#include <set>

#include "firstboot/network/backends.h"
#include "firstboot/network/nic_plan.h"
#include "firstboot/network/owned_files.h"
#include "firstboot/network/take_over.h"
#include "guest/ifupdown.h"
#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

constexpr const char* kInterfaces = guest::kInterfacesPath;
constexpr const char* kOurs = "/etc/network/interfaces.d/image-agent";

std::string stanzas(const std::vector<NicPlan>& nics) {
  std::string out = owned_header();
  for (const NicPlan& nic : nics) {
    out += "\nauto " + nic.name + "\niface " + nic.name + " inet static\n";
    out += "    address " + nic.nic->address + "\n    netmask " + netmask_of(nic.nic->prefix) + "\n";
    if (!nic.gateway.empty()) out += "    gateway " + nic.gateway + "\n";
    // Read by resolvconf, when installed; without it the DNS group writes resolv.conf.
    if (!nic.nameservers.empty()) out += "    dns-nameservers " + join(nic.nameservers, " ") + "\n";
    for (const Route& route : nic.routes) {
      out += "    up ip route replace " + destination_of(route) + " via " + route.gateway + " dev " +
             nic.name + "\n";
    }
  }
  return out;
}

struct Scan {
  bool sources_ours = false;
  std::string conflict;  ///< the error, when a user stanza configures one of our NICs
  /// Files whose stanzas for our NICs are all stock DHCP ones: path -> the text without them.
  std::vector<std::pair<std::string, std::string>> taken;
};

// The user's stanzas for our NICs: a file whose stanzas for them are all plain DHCP (the
// Debian installer's `allow-hotplug eth0` / `iface eth0 inet dhcp`) loses just those
// stanzas (take_over.h: the original is set aside); any other is an error naming it.
Result<Scan> scan(const guest::InterfacesFiles& files, const std::set<std::string>& names) {
  if (!files.unreadable.empty()) return files.unreadable.front();
  Scan result;
  for (const guest::InterfacesFile& file : files.files) {
    if (file.path == kOurs) result.sources_ours = true;
    if (file.path == kOurs || is_owned(file.text)) continue;
    std::set<std::string> configured;  // our NICs with an `inet` stanza here
    for (const guest::IfaceStanza& stanza : file.stanzas) {
      if (stanza.family == "inet" && names.contains(stanza.name)) configured.insert(stanza.name);
    }
    if (configured.empty()) continue;
    for (const guest::IfaceStanza& stanza : file.stanzas) {
      if (!configured.contains(stanza.name) || stanza.plain_dhcp()) continue;
      result.conflict = file.path + " has its own `iface " + stanza.name + " " + stanza.family + " " +
                        stanza.method +
                        "` stanza, and ifupdown would use only one of the two; image-agent takes over only a "
                        "DHCP stanza and leaves this one alone: remove that stanza";
      return result;
    }
    std::string text = file.text;
    for (const std::string& name : configured) text = guest::without_interface(text, name);
    result.taken.emplace_back(file.path, std::move(text));
  }
  return result;
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
    guest::InterfacesFiles files = guest::load_interfaces(fs);
    Result<Scan> result = scan(files, kernel_names);
    if (!result) return result.error();
    if (!result->conflict.empty()) return Error{result->conflict, EEXIST};
    const guest::InterfacesFile* interfaces = files.files.empty() ? nullptr : &files.files.front();
    // Our file may not exist yet: covers_ours() also recognises a `source` line by name.
    if (!result->sources_ours && interfaces != nullptr) result->sources_ours = covers_ours(*interfaces);

    FileChanges changes = names.pin_files;
    std::string interfaces_text = interfaces != nullptr ? interfaces->text : "";
    for (auto& [path, text] : result->taken) {
      append(changes, take_over(path, true));
      if (path == kInterfaces) {
        interfaces_text = std::move(text);  // written below, with our source line if needed
      } else {
        changes.push_back({FileChange::Kind::kWrite, path, std::move(text), 0644});
      }
    }
    changes.push_back({FileChange::Kind::kWrite, kOurs, stanzas(nics), 0644});
    if (interfaces == nullptr) {
      changes.push_back({FileChange::Kind::kWrite, kInterfaces,
                         owned_header() + "\nauto lo\niface lo inet loopback\n\nsource " + kOurs + "\n",
                         0644});
    } else {
      std::string text = std::move(interfaces_text);
      if (!result->sources_ours) {
        if (!text.empty() && text.back() != '\n') text += "\n";
        text += concat({"\n", guest::kInterfacesAddedMarker,
                        ": the interfaces configured from the cloud's os.conf.\nsource "});
        text += std::string(kOurs) + "\n";
      }
      if (text != interfaces->text) changes.push_back({FileChange::Kind::kWrite, kInterfaces, text, 0644});
    }
    return changes;
  }

 private:
  // Whether a `source` line matches our file by name even though it does not exist yet.
  static bool covers_ours(const guest::InterfacesFile& interfaces) {
    for (const std::string& source : interfaces.sources) {
      if (::fnmatch(guest::interfaces_absolute(source).c_str(), kOurs, FNM_PATHNAME) == 0) return true;
    }
    for (const std::string& directory : interfaces.directories) {
      const std::string target = guest::interfaces_absolute(directory);
      if (target == "/etc/network/interfaces.d" || target == "/etc/network/interfaces.d/") return true;
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<NetworkBackend> make_ifupdown_backend() {
  return std::make_unique<IfupdownBackend>();
}

}  // namespace image_agent::firstboot

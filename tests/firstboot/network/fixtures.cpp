#include "fixtures.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "firstboot/network/nic_names.h"
#include "platform/root_fs.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot::testing {
namespace {

Nic nic(int index, const char* mac, const char* address, int prefix, const char* netmask, const char* gateway,
        std::vector<Route> routes) {
  Nic n;
  n.index = index;
  n.config_name = "eth" + std::to_string(index);
  if (mac != nullptr) n.mac = mac;
  n.address = address;
  n.prefix = prefix;
  n.netmask = netmask;
  n.gateway = gateway;
  n.routes = std::move(routes);
  return n;
}

}  // namespace

NetworkSettings vpc_network() {
  NetworkSettings s;
  s.nics.push_back(nic(0, "00:8c:fa:5e:14:23", "10.171.254.123", 24, "255.255.255.0", "10.171.254.1",
                       {{"0.0.0.0", 0, "10.171.254.1"}}));
  s.default_nic = 0;
  s.default_gateway = "10.171.254.1";
  s.nameservers = {"7.7.7.7", "8.8.8.8"};
  return s;
}

NetworkSettings classic_network() {
  NetworkSettings s;
  s.nics.push_back(nic(0, "00:8c:fa:5e:14:23", "10.171.254.123", 24, "255.255.255.0", "10.171.254.1",
                       {{"10.0.0.0", 8, "10.171.254.1"}, {"172.16.0.0", 12, "10.171.254.1"}}));
  s.nics.push_back(nic(1, "00:8c:fa:5e:14:24", "42.120.74.105", 24, "255.255.255.0", "42.120.74.1",
                       {{"0.0.0.0", 0, "42.120.74.1"}}));
  s.default_nic = 1;
  s.default_gateway = "42.120.74.1";
  s.nameservers = {"7.7.7.7", "8.8.8.8"};
  return s;
}

NetworkSettings three_routes_network() {
  NetworkSettings s;
  s.nics.push_back(nic(0, "00:16:3e:0a:bc:01", "172.17.8.20", 20, "255.255.240.0", "172.17.15.253",
                       {{"0.0.0.0", 0, "172.17.15.253"},
                        {"100.64.0.0", 10, "172.17.15.253"},
                        {"192.168.0.0", 16, "172.17.15.254"}}));
  s.default_nic = 0;
  s.default_gateway = "172.17.15.253";
  s.nameservers = {"100.100.2.136", "100.100.2.138"};
  return s;
}

NetworkSettings no_mac_network() {
  NetworkSettings s = vpc_network();
  s.nics[0].mac.reset();
  return s;
}

}  // namespace image_agent::firstboot::testing

namespace image_agent::firstboot {

void PrintTo(const FileChange& change, std::ostream* out) {
  *out << (change.kind == FileChange::Kind::kWrite ? "write " : "remove ") << change.path;
}

}  // namespace image_agent::firstboot

namespace image_agent::firstboot::testing {

void PrintTo(const Scenario& scenario, std::ostream* out) {
  *out << scenario.name;
}

std::vector<Scenario> scenarios() {
  return {{"vpc", vpc_network()},
          {"classic", classic_network()},
          {"three_routes", three_routes_network()},
          {"no_mac", no_mac_network()}};
}

std::vector<std::string> all_backends() {
  return {"netplan", "networkmanager", "networkd", "ifupdown", "ifcfg-suse", "ifcfg-rhel"};
}

void seed_guest(const std::string& backend, const std::string& root) {
  using image_agent::testing::write_file;
  // Every kind of guest has systemd-udevd, so offline names are pinned with .link files.
  write_file(root + "/usr/lib/systemd/systemd-udevd", "", 0755);
  if (backend == "netplan") {
    write_file(root + "/usr/sbin/netplan", "", 0755);
  } else if (backend == "networkmanager") {
    write_file(root + "/usr/lib/systemd/system/NetworkManager.service", "[Unit]\n");
    std::filesystem::create_directories(root + "/etc/systemd/system/multi-user.target.wants");
    if (::symlink("/usr/lib/systemd/system/NetworkManager.service",
                  (root + "/etc/systemd/system/multi-user.target.wants/NetworkManager.service").c_str()) !=
        0) {
      throw std::runtime_error("symlink");
    }
  } else if (backend == "networkd") {
    write_file(root + "/usr/lib/systemd/network/99-default.link",
               "[Link]\nNamePolicy=kernel database onboard slot path\n");
    write_file(root + "/usr/lib/systemd/system/systemd-networkd.service", "[Unit]\n");
    std::filesystem::create_directories(root + "/etc/systemd/system/multi-user.target.wants");
    std::filesystem::create_symlink(
        "/usr/lib/systemd/system/systemd-networkd.service",
        root + "/etc/systemd/system/multi-user.target.wants/systemd-networkd.service");
  } else if (backend == "ifupdown") {
    write_file(root + "/etc/network/interfaces",
               "# interfaces(5) file used by ifup(8) and ifdown(8)\nauto lo\niface lo inet loopback\n");
  } else if (backend == "ifcfg-suse") {
    write_file(root + "/etc/SUSE-brand", "SLE\nVERSION = 15\n");
    write_file(root + "/etc/sysconfig/network/ifcfg-lo",
               "IPADDR=127.0.0.1/8\nSTARTMODE=nfsroot\nBOOTPROTO=static\n");
  } else if (backend == "ifcfg-rhel") {
    write_file(root + "/etc/sysconfig/network",
               "NETWORKING=yes\nHOSTNAME=localhost.localdomain\nGATEWAY=192.0.2.1\n");
    write_file(root + "/etc/sysconfig/network-scripts/ifcfg-lo", "DEVICE=lo\nIPADDR=127.0.0.1\nONBOOT=yes\n");
  }
}

void apply_changes(const std::string& root, const FileChanges& changes) {
  for (const FileChange& change : changes) {
    std::string path = root + change.path;
    if (change.kind == FileChange::Kind::kRemove) {
      ::unlink(path.c_str());
      continue;
    }
    image_agent::testing::write_file(path, change.content, change.mode);
  }
}

Result<FileChanges> plan_offline(const std::string& backend, const NetworkSettings& settings,
                                 const std::string& root) {
  std::unique_ptr<NetworkBackend> stack = make_backend(backend);
  if (stack == nullptr) return Error{"no backend " + backend, EINVAL};
  Result<RootFs> fs = RootFs::open(root);
  if (!fs) return fs.error();
  NicNames names;
  if (stack->needs_nic_names()) {
    Result<NicNames> resolved = resolve_nic_names(settings, *fs, false);
    if (!resolved) return resolved.error();
    names = std::move(*resolved);
  }
  return stack->plan(settings, names, *fs);
}

}  // namespace image_agent::firstboot::testing

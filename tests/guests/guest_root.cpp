#include "guest_root.h"

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_support/run_checked.h"
#include "test_support/temp_dir.h"

namespace image_agent::guests {
namespace {

namespace fs = std::filesystem;
using image_agent::testing::read_file;
using image_agent::testing::write_file;

// Profiles for eth0 a user could have instead of the stock one; firstboot refuses each.

// anaconda's static choice.
constexpr const char* kRhelStatic =
    "DEVICE=eth0\n"
    "TYPE=Ethernet\n"
    "ONBOOT=yes\n"
    "BOOTPROTO=none\n"
    "IPADDR=192.168.122.50\n"
    "NETMASK=255.255.255.0\n"
    "GATEWAY=192.168.122.1\n"
    "DNS1=192.168.122.1\n";
// A static keyfile tied with ours on priority: NetworkManager could pick either.
constexpr const char* kNmTie =
    "[connection]\n"
    "id=static-eth0\n"
    "uuid=0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9\n"
    "type=ethernet\n"
    "autoconnect-priority=999\n"
    "interface-name=eth0\n"
    "\n"
    "[ethernet]\n"
    "\n"
    "[ipv4]\n"
    "address1=192.168.122.50/24,192.168.122.1\n"
    "method=manual\n"
    "\n"
    "[ipv6]\n"
    "method=ignore\n";
// subiquity's static choice.
constexpr const char* kNetplanStatic =
    "# This is the network config written by 'subiquity'\n"
    "network:\n"
    "  ethernets:\n"
    "    eth0:\n"
    "      addresses:\n"
    "      - 192.168.122.50/24\n"
    "      nameservers:\n"
    "        addresses:\n"
    "        - 192.168.122.1\n"
    "        search: []\n"
    "      routes:\n"
    "      - to: default\n"
    "        via: 192.168.122.1\n"
    "  version: 2\n";
// YaST's static choice.
constexpr const char* kSuseStatic =
    "BOOTPROTO='static'\n"
    "STARTMODE='auto'\n"
    "IPADDR='192.168.122.50/24'\n"
    "ZONE=''\n";
// debian-installer's static choice.
constexpr const char* kIfupdownStatic =
    "# This file describes the network interfaces available on your system\n"
    "# and how to activate them. For more information, see interfaces(5).\n"
    "\n"
    "source /etc/network/interfaces.d/*\n"
    "\n"
    "# The loopback network interface\n"
    "auto lo\n"
    "iface lo inet loopback\n"
    "\n"
    "# The primary network interface\n"
    "allow-hotplug eth0\n"
    "iface eth0 inet static\n"
    "\taddress 192.168.122.50/24\n"
    "\tgateway 192.168.122.1\n"
    "\t# dns-* options are implemented by the resolvconf package, if installed\n"
    "\tdns-nameservers 192.168.122.1\n";
// cloud-init's rendering of a datasource's static network (cloud-init 22.4, net-convert).
constexpr const char* kNetplanCloudStatic =
    "# This file is generated from information provided by the datasource.  Changes\n"
    "# to it will not persist across an instance reboot.  To disable cloud-init's\n"
    "# network configuration capabilities, write a file\n"
    "# /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg with the following:\n"
    "# network: {config: disabled}\n"
    "network:\n"
    "    ethernets:\n"
    "        eth0:\n"
    "            addresses:\n"
    "            - 192.168.122.50/24\n"
    "            match:\n"
    "                macaddress: 52:54:00:6a:21:0c\n"
    "            nameservers:\n"
    "                addresses:\n"
    "                - 192.168.122.1\n"
    "            routes:\n"
    "            -   to: 0.0.0.0/0\n"
    "                via: 192.168.122.1\n"
    "            set-name: eth0\n"
    "    version: 2\n";

std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  return lines;
}

// The gid of `group` in the guest's own /etc/group (never the host's).
gid_t guest_gid(const std::string& root, const std::string& group) {
  for (const std::string& line : lines_of(root + "/etc/group")) {
    std::vector<std::string> fields;
    std::istringstream in(line);
    for (std::string field; std::getline(in, field, ':');) fields.push_back(field);
    if (fields.size() >= 3 && fields[0] == group) return static_cast<gid_t>(std::stoul(fields[2]));
  }
  throw std::runtime_error("no group " + group + " in " + root + "/etc/group");
}

void apply_modes(const std::string& family_dir, const std::string& root) {
  for (const std::string& line : lines_of(family_dir + "/modes")) {
    std::istringstream in(line);
    std::string mode, path, group;
    in >> mode >> path >> group;
    const std::string host = root + "/" + path;
    if (::chmod(host.c_str(), static_cast<mode_t>(std::stoul(mode, nullptr, 8))) != 0)
      throw std::runtime_error("chmod " + host);
    // Ownership needs root; as another user the files stay the caller's, which no
    // assertion here depends on.
    if (!group.empty() && ::geteuid() == 0 && ::lchown(host.c_str(), 0, guest_gid(root, group)) != 0)
      throw std::runtime_error("chown " + host);
  }
}

void install_package(const std::string& root) {
  const std::string src = IMAGE_AGENT_SOURCE_DIR;
  // Only its presence is read offline: an empty executable stands in for the binary.
  write_file(root + "/usr/sbin/image-agent", "", 0755);
  write_file(root + "/usr/lib/systemd/system/image-agent-firstboot.service",
             read_file(src + "/systemd/image-agent-firstboot.service"));
  write_file(root + "/usr/lib/systemd/system/image-agent-ssh-host-keys.service",
             read_file(src + "/systemd/image-agent-ssh-host-keys.service"));
  write_file(root + "/usr/lib/systemd/system-preset/80-image-agent.preset",
             read_file(src + "/packaging/image-agent.preset"));
  write_file(root + "/etc/init.d/image-agent-firstboot",
             read_file(src + "/systemd/image-agent-firstboot.init"), 0755);
  write_file(root + "/etc/image-agent/image-agent.yaml", read_file(src + "/packaging/image-agent.yaml"));
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace

const std::vector<Family>& families() {
  using enum DnsHome;
  static const std::vector<Family> all{
      {.name = "centos6",
       .backend = "ifcfg-rhel",
       .os_conf_dir = "boot/aliyun_custom_image",
       .hostname = HostnameFile::kSysconfigNetwork,
       .dns = {kIfcfg, kPlainResolvConf},
       .stock_profile = "/etc/sysconfig/network-scripts/ifcfg-eth0",
       .stock_nic = "eth0",
       .stock_by_build_mac = false,
       .cloud_init_active = false,
       .selinux_enforcing = true,
       .refused_path = "/etc/sysconfig/network-scripts/ifcfg-eth0",
       .refused_content = kRhelStatic,
       .kernel_too_old = true},
      {.name = "centos7-nm",
       .backend = "networkmanager",
       .os_conf_dir = "boot/aliyun_custom_image",
       .hostname = HostnameFile::kEtcHostname,
       .dns = {kNmKeyfile},
       .stock_profile = "/etc/sysconfig/network-scripts/ifcfg-eth0",
       .stock_nic = "eth0",
       .stock_by_build_mac = false,
       .cloud_init_active = false,
       .selinux_enforcing = true,
       .refused_path = "/etc/sysconfig/network-scripts/ifcfg-eth0",
       .refused_content = kRhelStatic},
      {.name = "centos7-network",
       .backend = "ifcfg-rhel",
       .os_conf_dir = "boot/aliyun_custom_image",
       .hostname = HostnameFile::kEtcHostname,
       .dns = {kIfcfg},
       .stock_profile = "/etc/sysconfig/network-scripts/ifcfg-eth0",
       .stock_nic = "eth0",
       .stock_by_build_mac = false,
       .cloud_init_active = false,
       .selinux_enforcing = true,
       .refused_path = "/etc/sysconfig/network-scripts/ifcfg-eth0",
       .refused_content = kRhelStatic},
      {.name = "rocky9",
       .backend = "networkmanager",
       .os_conf_dir = "boot/aliyun_custom_image",
       .hostname = HostnameFile::kEtcHostname,
       .dns = {kNmKeyfile},
       .stock_profile = "/etc/NetworkManager/system-connections/ens3.nmconnection",
       .stock_nic = "ens3",
       .stock_by_build_mac = false,
       .cloud_init_active = false,
       .selinux_enforcing = true,
       .refused_path = "/etc/NetworkManager/system-connections/static-eth0.nmconnection",
       .refused_content = kNmTie},
      {.name = "alinux3",
       .backend = "networkmanager",
       .os_conf_dir = "aliyun_custom_image",
       .hostname = HostnameFile::kEtcHostname,
       .dns = {kNmKeyfile},
       .stock_profile = "/etc/sysconfig/network-scripts/ifcfg-eth0",
       .stock_nic = "eth0",
       .stock_by_build_mac = false,
       .cloud_init_active = true,
       .selinux_enforcing = false,
       .refused_path = "/etc/NetworkManager/system-connections/static-eth0.nmconnection",
       .refused_content = kNmTie},
      {.name = "sles15",
       .backend = "ifcfg-suse",
       .os_conf_dir = "aliyun_custom_image",
       .hostname = HostnameFile::kEtcHostname,
       .dns = {kNetconfig},
       .stock_profile = "/etc/sysconfig/network/ifcfg-eth0",
       .stock_nic = "eth0",
       .stock_by_build_mac = false,
       .cloud_init_active = false,
       .selinux_enforcing = false,
       .refused_path = "/etc/sysconfig/network/ifcfg-eth0",
       .refused_content = kSuseStatic},
      {.name = "ubuntu2204",
       .backend = "netplan",
       .os_conf_dir = "aliyun_custom_image",
       .hostname = HostnameFile::kEtcHostname,
       .dns = {kNetplan},
       .stock_profile = "/etc/netplan/00-installer-config.yaml",
       .stock_nic = "ens3",
       .stock_by_build_mac = false,
       .cloud_init_active = false,
       .selinux_enforcing = false,
       .refused_path = "/etc/netplan/00-installer-config.yaml",
       .refused_content = kNetplanStatic},
      {.name = "ubuntu2204-cloud",
       .backend = "netplan",
       .os_conf_dir = "aliyun_custom_image",
       .hostname = HostnameFile::kEtcHostname,
       .dns = {kNetplan},
       .stock_profile = "/etc/netplan/50-cloud-init.yaml",
       .stock_nic = "ens3",
       .stock_by_build_mac = true,
       .cloud_init_active = true,
       .selinux_enforcing = false,
       .refused_path = "/etc/netplan/50-cloud-init.yaml",
       .refused_content = kNetplanCloudStatic},
      {.name = "debian12",
       .backend = "ifupdown",
       .os_conf_dir = "aliyun_custom_image",
       .hostname = HostnameFile::kEtcHostname,
       .dns = {kPlainResolvConf},
       .stock_profile = "/etc/network/interfaces",
       .stock_nic = "ens3",
       .stock_by_build_mac = false,
       .cloud_init_active = false,
       .selinux_enforcing = false,
       .refused_path = "/etc/network/interfaces",
       .refused_content = kIfupdownStatic},
  };
  return all;
}

std::string Guest::stock_profile() const {
  const std::string& path = family->stock_profile;
  if (!eth0) return path;
  const size_t slash = path.rfind('/');
  return path.substr(0, slash + 1) + replace_all(path.substr(slash + 1), family->stock_nic, "eth0");
}

std::string Guest::test_name() const {
  std::string name;
  bool upper = true;
  for (char c : family->name) {
    if (c == '-') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return eth0 ? name + "Eth0" : name;
}

void PrintTo(const Guest& guest, std::ostream* out) {
  *out << guest.test_name();
}

std::vector<Guest> guests() {
  std::vector<Guest> all;
  for (const Family& family : families()) {
    all.push_back({&family, false});
    if (family.stock_nic != "eth0") all.push_back({&family, true});
  }
  return all;
}

void make_root(const Guest& guest, const std::string& dir) {
  const std::string family_dir = std::string(GUEST_ROOTS_DATA) + "/" + guest.family->name;
  fs::copy(family_dir + "/root", dir, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  for (const std::string& empty : lines_of(family_dir + "/empty-dirs"))
    fs::create_directories(dir + "/" + empty);
  apply_modes(family_dir, dir);
  if (guest.eth0) {
    const std::string from = dir + guest.family->stock_profile;
    const std::string to = dir + guest.stock_profile();
    struct stat st {};
    if (::stat(from.c_str(), &st) != 0) throw std::runtime_error("no " + from);
    const std::string text = replace_all(read_file(from), guest.family->stock_nic, "eth0");
    fs::remove(from);
    write_file(to, text, st.st_mode & 07777);
  }
  install_package(dir);
}

RunResult run_agent(const std::vector<std::string>& args) {
  std::vector<std::string> argv{IMAGE_AGENT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::run_checked(argv);
}

}  // namespace image_agent::guests

// `image-agent firstboot --root DIR` on each stock guest with the seed's VPC and classic
// os.conf, checked where that distribution's own tools read each value: exit 0 and
// os.conf gone, the host name, root's password, the DNS servers, the installer's DHCP
// profile set aside, and a second run that changes nothing. The network itself, read back
// by the real tools, is network_test.cpp; cloud-init, cloud_init_test.cpp.
#include <crypt.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>

#include "../sysprep/tree_snapshot.h"
#include "firstbooted.h"
#include "guest/own_files.h"
#include "platform/shell_assignments.h"

namespace image_agent::guests {
namespace {

namespace fs = std::filesystem;
using image_agent::testing::read_file;
using image_agent::testing::TempDir;

constexpr const char* kHostname = "iZ23r29djmjZ";
const std::vector<std::string> kServers{"7.7.7.7", "8.8.8.8"};

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// The values of `key` lines ("nameserver 7.7.7.7") in a resolv.conf-like text.
std::vector<std::string> values_of(const std::string& text, const std::string& key) {
  std::vector<std::string> values;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> w = words(line);
    if (w.size() >= 2 && w[0] == key) values.push_back(w[1]);
  }
  return values;
}

// "7.7.7.7;8.8.8.8;" -> {"7.7.7.7", "8.8.8.8"}
std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, separator);) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

// The value of `key` in `[section]` of an INI-style keyfile.
std::string ini_value(const std::string& text, const std::string& section, const std::string& key) {
  std::istringstream in(text);
  std::string current;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] == '[') current = line.substr(1, line.find(']') - 1);
    if (current == section && line.starts_with(key + "=")) return line.substr(key.size() + 1);
  }
  return {};
}

class GuestFirstboot : public ::testing::TestWithParam<Case> {
 protected:
  const Family& family() const { return *GetParam().guest.family; }
};

TEST_P(GuestFirstboot, ExitsZeroOnTheStackItDetectsAndDeletesOsConf) {
  Firstbooted guest(GetParam());
  EXPECT_EQ(guest.result().exit_code, 0) << guest.log();
  EXPECT_FALSE(fs::exists(guest.os_conf_path())) << "os.conf holds the password: it must go\n" << guest.log();
  EXPECT_NE(guest.result().err.find("(backend " + family().backend + ")"), std::string::npos) << guest.log();
}

TEST_P(GuestFirstboot, SetsTheHostNameWhereTheDistributionReadsIt) {
  Firstbooted guest(GetParam());
  if (family().hostname == HostnameFile::kEtcHostname) {
    EXPECT_EQ(read_or_empty(guest.host("/etc/hostname")), std::string(kHostname) + "\n") << guest.log();
  } else {
    Assignments network = parse_shell_assignments(read_file(guest.host("/etc/sysconfig/network")));
    EXPECT_EQ(network.get("HOSTNAME"), kHostname) << guest.log();
  }
  // The name resolves locally; the stock localhost lines stay.
  const std::string hosts = read_file(guest.host("/etc/hosts"));
  bool named = false;
  std::istringstream in(hosts);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> w = words(line);
    if (!w.empty() && w[0][0] != '#' && std::find(w.begin() + 1, w.end(), kHostname) != w.end()) named = true;
  }
  EXPECT_TRUE(named) << hosts;
  EXPECT_FALSE(values_of(hosts, "127.0.0.1").empty()) << hosts;
}

TEST_P(GuestFirstboot, SetsRootsPasswordKeepingShadowsModeAndGroup) {
  Firstbooted guest(GetParam());
  const std::string shadow = read_file(guest.host("/etc/shadow"));
  ASSERT_TRUE(shadow.starts_with("root:")) << shadow;
  const std::string hash = shadow.substr(5, shadow.find(':', 5) - 5);
  auto data = std::make_unique<crypt_data>();
  const char* computed = crypt_r("qwHr1234", hash.c_str(), data.get());
  EXPECT_TRUE(computed != nullptr && hash == computed)
      << "root's hash does not verify os.conf's password: " << hash << "\n"
      << guest.log();
  struct stat st {};
  ASSERT_EQ(::stat(guest.host("/etc/shadow").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, guest.shadow_mode());
  EXPECT_EQ(st.st_gid, guest.shadow_gid());
}

TEST_P(GuestFirstboot, PutsTheDnsServersWhereTheResolverReadsThem) {
  Firstbooted guest(GetParam());
  for (DnsHome home : family().dns) {
    switch (home) {
      case DnsHome::kPlainResolvConf:
        EXPECT_EQ(values_of(read_or_empty(guest.host("/etc/resolv.conf")), "nameserver"), kServers)
            << "/etc/resolv.conf, a plain file nothing manages\n"
            << guest.log();
        break;
      case DnsHome::kIfcfg: {
        bool found = false;
        for (const std::string& path : guest.owned_files("/etc/sysconfig/network-scripts")) {
          Assignments ifcfg = parse_shell_assignments(read_file(guest.host(path)));
          if (ifcfg.get("DNS1") == kServers[0] && ifcfg.get("DNS2") == kServers[1]) found = true;
        }
        EXPECT_TRUE(found) << "no DNS1=7.7.7.7 DNS2=8.8.8.8 in firstboot's ifcfg files (initscripts' ifup "
                              "writes resolv.conf from them)\n"
                           << guest.log();
        break;
      }
      case DnsHome::kNmKeyfile: {
        bool found = false;
        for (const std::string& path : guest.owned_files("/etc/NetworkManager/system-connections")) {
          if (split(ini_value(read_file(guest.host(path)), "ipv4", "dns"), ';') == kServers) found = true;
        }
        EXPECT_TRUE(found) << "no [ipv4] dns=7.7.7.7;8.8.8.8; in firstboot's keyfiles\n" << guest.log();
        break;
      }
      case DnsHome::kNetconfig: {
        Assignments config = parse_shell_assignments(read_file(guest.host("/etc/sysconfig/network/config")));
        EXPECT_EQ(split(config.get("NETCONFIG_DNS_STATIC_SERVERS"), ' '), kServers) << guest.log();
        break;
      }
      case DnsHome::kNetplan: {
        bool found = false;
        for (const std::string& path : guest.owned_files("/etc/netplan")) {
          for (const auto& netdef : YAML::Load(read_file(guest.host(path)))["network"]["ethernets"]) {
            const YAML::Node nameservers = netdef.second["nameservers"];
            if (nameservers && nameservers["addresses"] &&
                nameservers["addresses"].as<std::vector<std::string>>() == kServers) {
              found = true;
            }
          }
        }
        EXPECT_TRUE(found) << "no nameservers: addresses [7.7.7.7, 8.8.8.8] in firstboot's netplan YAML\n"
                           << guest.log();
        break;
      }
    }
  }
}

TEST_P(GuestFirstboot, SetsAsideTheStockProfileForItsNicAndOnlyThat) {
  Firstbooted guest(GetParam());
  const Guest& g = GetParam().guest;
  TempDir fresh;
  make_root(g, fresh / "root");
  const std::string stock = g.stock_profile();
  const std::string original = read_file(fresh / ("root" + stock));
  const std::string displaced = guest.host(guest::displaced_path(stock));
  const std::string now = read_or_empty(guest.host(stock));
  if (g.stock_for_os_conf_nic()) {
    EXPECT_EQ(read_or_empty(displaced), original) << "not set aside: " << stock << "\n" << guest.log();
    // Gone, replaced by firstboot's own file, or (ifupdown) left without the NIC's stanzas.
    EXPECT_TRUE(now.empty() || guest::is_owned(now) || now.find("eth0") == std::string::npos)
        << stock << " still configures eth0:\n"
        << now;
  } else {
    // It names a NIC os.conf does not (ens3), or selects the build VM's MAC: the instance's
    // NIC is pinned to eth0 or matched by os.conf's MAC, so the profile configures nothing
    // and stays the user's.
    EXPECT_EQ(now, original) << stock;
    EXPECT_FALSE(fs::exists(displaced)) << displaced;
  }
}

TEST_P(GuestFirstboot, SecondRunWithTheSameOsConfChangesNothing) {
  Firstbooted guest(GetParam());
  ASSERT_EQ(guest.result().exit_code, 0) << guest.log();
  sysprep::testing::TreeSnapshot before = sysprep::testing::snapshot_tree(guest.root());
  RunResult again = guest.run_again();
  EXPECT_EQ(again.exit_code, 0) << again.err;
  sysprep::testing::TreeSnapshot after = sysprep::testing::snapshot_tree(guest.root());
  std::string changed;
  for (const std::string& path : sysprep::testing::changed_paths(before, after)) changed += " " + path;
  EXPECT_EQ(changed, "") << again.err;
}

INSTANTIATE_TEST_SUITE_P(Guests, GuestFirstboot, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case>& param) { return case_name(param.param); });

}  // namespace
}  // namespace image_agent::guests

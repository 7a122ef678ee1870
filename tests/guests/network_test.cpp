// The network firstboot writes on each stock guest, read back the way that guest reads it:
// by the real tool where one is installed here (netplan generate, ifquery, nmcli
// --offline), else by the readers of tests/firstboot/network with cloud-init's renderer of
// the same network as the oracle. A missing tool makes its part SKIPPED with the reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <regex>
#include <stdexcept>

#include "../firstboot/network/semantics.h"
#include "firstbooted.h"
#include "test_support/run_checked.h"

namespace image_agent::guests {
namespace {

namespace fs = std::filesystem;
using firstboot::NetworkSettings;
using firstboot::Nic;
using firstboot::testing::Facts;
using image_agent::testing::find_tool;
using image_agent::testing::missing_tool;
using image_agent::testing::read_file;
using image_agent::testing::run_checked;
using image_agent::testing::TempDir;
using image_agent::testing::write_file;

std::string describe(const Facts& facts) {
  std::string text;
  for (const std::string& fact : facts) text += "\n  " + fact;
  return text;
}

// udev names each os.conf NIC as os.conf does, by its MAC: a .link file where udev is
// systemd's, else a rule (CentOS 6).
void expect_pinned(const Firstbooted& guest, const NetworkSettings& settings) {
  const bool systemd_udevd = fs::exists(guest.host("/usr/lib/systemd/systemd-udevd"));
  for (const Nic& nic : settings.nics) {
    if (systemd_udevd) {
      const std::string link =
          read_or_empty(guest.host("/etc/systemd/network/10-image-agent-" + nic.config_name + ".link"));
      EXPECT_NE(link.find("MACAddress=" + *nic.mac), std::string::npos) << link << guest.log();
      EXPECT_NE(link.find("Name=" + nic.config_name), std::string::npos) << link;
    } else {
      const std::string rules = read_or_empty(guest.host("/etc/udev/rules.d/70-image-agent-net.rules"));
      EXPECT_NE(rules.find("ATTR{address}==\"" + *nic.mac + "\", NAME=\"" + nic.config_name + "\""),
                std::string::npos)
          << rules << guest.log();
    }
  }
}

// cloud-init's rendering of the same network for `distro`, read by `reader`.
Facts cloud_init_facts(const NetworkSettings& settings, const std::string& distro, const std::string& dir,
                       Facts (*reader)(const std::string&)) {
  TempDir theirs;
  write_file(theirs / "network.yaml", firstboot::testing::cloud_init_v1(settings));
  RunResult result =
      run_checked({find_tool("cloud-init"), "devel", "net-convert", "-p", theirs / "network.yaml", "-k",
                   "yaml", "-d", theirs / "out", "-D", distro, "-O", "sysconfig"});
  if (!result.succeeded()) throw std::runtime_error(result.err);
  return reader(theirs / ("out" + dir));
}

class GuestNetwork : public ::testing::TestWithParam<Case> {};

TEST_P(GuestNetwork, IsWhatOsConfSaysAsTheGuestsStackReadsIt) {
  Firstbooted guest(GetParam());
  ASSERT_TRUE(guest.conf().network.value) << "the seed's os.conf parses";
  const NetworkSettings& settings = *guest.conf().network.value;
  const Facts expected = firstboot::testing::expected_facts(settings);
  const auto by_mac = firstboot::testing::names_by_mac(settings);
  const std::string& backend = GetParam().guest.family->backend;
  TempDir scratch;

  if (backend == "ifcfg-rhel" || backend == "ifcfg-suse") {
    const bool rhel = backend == "ifcfg-rhel";
    const std::string dir = rhel ? "/etc/sysconfig/network-scripts" : "/etc/sysconfig/network";
    auto reader = rhel ? &firstboot::testing::ifcfg_rhel_facts : &firstboot::testing::ifcfg_suse_facts;
    guest.copy_owned(dir, scratch / "ours");
    const Facts ours = reader(scratch / "ours");
    // SUSE keeps DNS in netconfig's config, not in an ifcfg file (firstboot_test.cpp).
    EXPECT_EQ(ours, rhel ? expected : firstboot::testing::without_dns(expected)) << describe(ours) << "\n"
                                                                                 << guest.log();
    expect_pinned(guest, settings);
    if (std::string why = missing_tool("cloud-init", "cloud-init"); !why.empty()) GTEST_SKIP() << why;
    // cloud-init 22.4 writes no ifroute files for SUSE: only the addresses compare there.
    const Facts theirs = cloud_init_facts(settings, rhel ? "rhel" : "opensuse", dir, reader);
    EXPECT_EQ(rhel ? ours : firstboot::testing::address_facts(ours), theirs) << describe(theirs);
  } else if (backend == "networkmanager") {
    if (std::string why = missing_tool("nmcli", "network-manager"); !why.empty()) GTEST_SKIP() << why;
    Facts facts;
    for (const std::string& path : guest.owned_files("/etc/NetworkManager/system-connections")) {
      EXPECT_EQ(fs::status(guest.host(path)).permissions(), fs::perms::owner_read | fs::perms::owner_write)
          << path << ": NetworkManager ignores keyfiles others can read";
      // Parses the keyfile as NetworkManager does and prints it normalised.
      RunResult normalised = run_checked(
          {find_tool("nmcli"), "--offline", "connection", "modify", "connection.autoconnect", "yes"},
          read_file(guest.host(path)));
      ASSERT_TRUE(normalised.succeeded()) << path << ": " << normalised.err;
      Facts one = firstboot::testing::keyfile_facts(normalised.out, by_mac);
      facts.insert(one.begin(), one.end());
    }
    EXPECT_EQ(facts, expected) << describe(facts) << "\n" << guest.log();
  } else if (backend == "netplan") {
    if (std::string why = missing_tool("netplan", "netplan.io"); !why.empty()) GTEST_SKIP() << why;
    // Every YAML of the guest, the installer's or cloud-init's file included when kept.
    RunResult generated = run_checked({find_tool("netplan"), "generate", "--root-dir", guest.root()});
    ASSERT_TRUE(generated.succeeded()) << generated.err;
    EXPECT_EQ(generated.err, "") << "netplan generate warned";
    const std::string rendered = guest.host("/run/systemd/network");
    const Facts facts = firstboot::testing::networkd_facts(rendered, by_mac);
    EXPECT_EQ(facts, expected) << describe(facts) << "\n" << guest.log();
    for (const Nic& nic : settings.nics) {
      const std::string network = read_or_empty(rendered + "/10-netplan-" + nic.config_name + ".network");
      EXPECT_EQ(network.find("DHCP="), std::string::npos) << network;
    }
    // systemd-resolved takes per-link servers from networkd: DNS= of the NIC with the
    // default route at least (final behaviour of per-NIC DNS).
    std::string all;
    for (const auto& entry : fs::directory_iterator(rendered)) all += read_file(entry.path());
    EXPECT_NE(all.find("DNS=7.7.7.7"), std::string::npos) << "no DNS= in netplan's networkd files\n" << all;
    EXPECT_NE(all.find("DNS=8.8.8.8"), std::string::npos) << all;
  } else if (backend == "ifupdown") {
    expect_pinned(guest, settings);
    if (std::string why = missing_tool("ifquery", "ifupdown"); !why.empty()) GTEST_SKIP() << why;
    // The guest's /etc/network/interfaces with its source lines pointed into the tree.
    std::string interfaces = read_file(guest.host("/etc/network/interfaces"));
    interfaces = std::regex_replace(interfaces, std::regex("(source(-directory)?) /etc/"),
                                    "$1 " + guest.root() + "/etc/");
    write_file(scratch / "interfaces", interfaces);
    Facts facts;
    for (const Nic& nic : settings.nics) {
      RunResult query = run_checked({find_tool("ifquery"), "-i", scratch / "interfaces", nic.config_name});
      ASSERT_TRUE(query.succeeded()) << nic.config_name << ": " << query.err << interfaces;
      Facts one = firstboot::testing::ifquery_facts(nic.config_name, query.out);
      facts.insert(one.begin(), one.end());
    }
    EXPECT_EQ(facts, expected) << describe(facts) << "\n" << guest.log();
    RunResult list =
        run_checked({find_tool("ifquery"), "-i", scratch / "interfaces", "--list", "--allow=auto"});
    for (const Nic& nic : settings.nics) {
      EXPECT_NE(list.out.find(nic.config_name + "\n"), std::string::npos) << "not brought up at boot\n"
                                                                          << list.out;
    }
  } else {
    FAIL() << "no reader for backend " << backend;
  }
}

INSTANTIATE_TEST_SUITE_P(Guests, GuestNetwork, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case>& param) { return case_name(param.param); });

}  // namespace
}  // namespace image_agent::guests

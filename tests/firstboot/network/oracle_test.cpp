// The real tools judge our output: netplan generate, ifquery, nmcli --offline, and
// cloud-init's renderers of the same network (compared by meaning, not bytes). A missing
// tool makes its test SKIPPED with the reason, never a silent pass; packaging/install-deps
// installs all of them.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "fixtures.h"
#include "platform/process.h"
#include "semantics.h"
#include "test_support/run_checked.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

using image_agent::testing::find_tool;
using image_agent::testing::missing_tool;
using image_agent::testing::read_file;
using image_agent::testing::run_checked;
using image_agent::testing::TempDir;
using image_agent::testing::write_file;
using testing::Facts;

// The scenario's plan applied to a fresh guest of `backend`'s kind at `root`.
FileChanges planned(const std::string& backend, const testing::Scenario& scenario, const TempDir& root) {
  testing::seed_guest(backend, root.path());
  Result<FileChanges> plan = testing::plan_offline(backend, scenario.settings, root.path());
  if (!plan) throw std::runtime_error(plan.error().message);
  testing::apply_changes(root.path(), *plan);
  return std::move(*plan);
}

class Oracle : public ::testing::TestWithParam<testing::Scenario> {};

TEST_P(Oracle, NetplanGenerateAcceptsOurYamlAndRendersEveryRoute) {
  if (std::string why = missing_tool("netplan", "netplan.io"); !why.empty()) GTEST_SKIP() << why;
  const std::string netplan = find_tool("netplan");
  TempDir root;
  const testing::Scenario& scenario = GetParam();
  planned("netplan", scenario, root);
  // cloud-init's usual DHCP netdef for the same ID: ours must win over it.
  const std::optional<std::string>& mac = scenario.settings.nics[0].mac;
  write_file(
      root / "etc/netplan/50-cloud-init.yaml",
      "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n" +
          (mac ? "      match:\n        macaddress: " + *mac + "\n      set-name: eth0\n" : std::string()),
      0600);
  RunResult result = run_checked({netplan, "generate", "--root-dir", root.path()});
  ASSERT_TRUE(result.succeeded()) << result.err;
  EXPECT_EQ(result.err, "") << "netplan generate warned";
  std::string rendered = root / "run/systemd/network";
  Facts facts = testing::networkd_facts(rendered, testing::names_by_mac(scenario.settings));
  EXPECT_EQ(facts, testing::expected_facts(scenario.settings));
  std::string eth0 = read_file(rendered + "/10-netplan-eth0.network");
  EXPECT_EQ(eth0.find("DHCP="), std::string::npos) << "cloud-init's dhcp4 survived:\n" << eth0;
  if (scenario.settings.nics[0].mac) {
    EXPECT_NE(eth0.find("MACAddress=" + *scenario.settings.nics[0].mac), std::string::npos) << eth0;
  }
}

TEST(NetplanMerge, AppendsListsOfTheSameIdWhichIsWhyTheBackendRefusesThem) {
  // netplan.cpp refuses a user netdef with our ID that has addresses: netplan would merge
  // them into ours. Checked here on the real tool, so the rule stays true to it.
  if (std::string why = missing_tool("netplan", "netplan.io"); !why.empty()) GTEST_SKIP() << why;
  TempDir root;
  testing::Scenario vpc{"vpc", testing::vpc_network()};
  planned("netplan", vpc, root);
  write_file(root / "etc/netplan/50-static.yaml",
             "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [192.0.2.5/24]\n", 0600);
  RunResult result = run_checked({find_tool("netplan"), "generate", "--root-dir", root.path()});
  ASSERT_TRUE(result.succeeded()) << result.err;
  std::string eth0 = read_file(root / "run/systemd/network/10-netplan-eth0.network");
  EXPECT_NE(eth0.find("Address=192.0.2.5/24"), std::string::npos) << eth0;
  EXPECT_NE(eth0.find("Address=10.171.254.123/24"), std::string::npos) << eth0;
}

TEST_P(Oracle, IfqueryReadsOurStanzasAndTheSourceLine) {
  if (std::string why = missing_tool("ifquery", "ifupdown"); !why.empty()) GTEST_SKIP() << why;
  const std::string ifquery = find_tool("ifquery");
  TempDir root;
  const testing::Scenario& scenario = GetParam();
  planned("ifupdown", scenario, root);
  std::string ours = root / "etc/network/interfaces.d/image-agent";
  Facts facts;
  for (const Nic& nic : scenario.settings.nics) {
    RunResult result = run_checked({ifquery, "-i", ours, nic.config_name});
    ASSERT_TRUE(result.succeeded()) << result.err;
    Facts one = testing::ifquery_facts(nic.config_name, result.out);
    facts.insert(one.begin(), one.end());
  }
  EXPECT_EQ(facts, testing::expected_facts(scenario.settings));
  // The user's /etc/network/interfaces now reads our file: ifquery follows the `source`
  // line we appended (pointed into the test root) and lists our interfaces.
  std::string interfaces = read_file(root / "etc/network/interfaces");
  interfaces = std::regex_replace(interfaces, std::regex("source /etc/"), "source " + root.path() + "/etc/");
  write_file(root / "interfaces.test", interfaces);
  RunResult list = run_checked({ifquery, "-i", root / "interfaces.test", "--list"});
  ASSERT_TRUE(list.succeeded()) << list.err;
  for (const Nic& nic : scenario.settings.nics) {
    EXPECT_NE(list.out.find(nic.config_name + "\n"), std::string::npos) << list.out;
  }
}

TEST_P(Oracle, NmcliOfflineReadsOurKeyfiles) {
  if (std::string why = missing_tool("nmcli", "network-manager"); !why.empty()) GTEST_SKIP() << why;
  const std::string nmcli = find_tool("nmcli");
  TempDir root;
  const testing::Scenario& scenario = GetParam();
  FileChanges plan = planned("networkmanager", scenario, root);
  Facts facts;
  for (const FileChange& change : plan) {
    EXPECT_EQ(change.mode, 0600u) << change.path;
    // `nmcli --offline connection modify` parses a keyfile from stdin, checks it as NM
    // would, and prints the normalised keyfile (NM 1.42).
    RunResult result = run_checked(
        {nmcli, "--offline", "connection", "modify", "connection.autoconnect", "yes"}, change.content);
    ASSERT_TRUE(result.succeeded()) << change.path << ": " << result.err << result.out;
    EXPECT_NE(result.out.find("autoconnect-priority=999"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("method=manual"), std::string::npos) << result.out;
    Facts one = testing::keyfile_facts(result.out, testing::names_by_mac(scenario.settings));
    facts.insert(one.begin(), one.end());
  }
  EXPECT_EQ(facts, testing::expected_facts(scenario.settings));
}

// cloud-init renders the same network for the same stack; both must mean what os.conf says.
struct Renderer {
  std::string backend;  // ours
  std::string kind;     // cloud-init -O
  std::string distro;   // cloud-init -D
  std::string dir;      // where both put the files
  bool routes = true;   // cloud-init 22.4 writes no ifroute files for SUSE
  bool dns = true;      // SUSE keeps DNS in netconfig's config (the DNS group), not per NIC
};

Facts read_facts(const Renderer& r, const std::string& root, const NetworkSettings& settings) {
  std::string dir = root + r.dir;
  auto by_mac = testing::names_by_mac(settings);
  if (r.kind == "netplan") {
    Facts facts;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      Facts one = testing::netplan_facts(read_file(entry.path().string()), by_mac);
      facts.insert(one.begin(), one.end());
    }
    return facts;
  }
  if (r.kind == "networkd") return testing::networkd_facts(dir, by_mac);
  if (r.kind == "eni") {
    std::string text;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      text += read_file(entry.path().string());
    return testing::eni_facts(text);
  }
  if (r.kind == "network-manager") {
    Facts facts;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      Facts one = testing::keyfile_facts(read_file(entry.path().string()), by_mac);
      facts.insert(one.begin(), one.end());
    }
    return facts;
  }
  return r.distro == "rhel" ? testing::ifcfg_rhel_facts(dir) : testing::ifcfg_suse_facts(dir);
}

TEST_P(Oracle, CloudInitRendersTheSameNetworkForEveryStack) {
  if (std::string why = missing_tool("cloud-init", "cloud-init"); !why.empty()) GTEST_SKIP() << why;
  const std::string cloud_init = find_tool("cloud-init");
  const testing::Scenario& scenario = GetParam();
  const Renderer renderers[] = {
      {"netplan", "netplan", "debian", "/etc/netplan"},
      {"networkd", "networkd", "debian", "/etc/systemd/network"},
      {"ifupdown", "eni", "debian", "/etc/network/interfaces.d"},
      {"networkmanager", "network-manager", "rhel", "/etc/NetworkManager/system-connections"},
      {"ifcfg-rhel", "sysconfig", "rhel", "/etc/sysconfig/network-scripts"},
      {"ifcfg-suse", "sysconfig", "opensuse", "/etc/sysconfig/network", false, false},
  };
  for (const Renderer& r : renderers) {
    SCOPED_TRACE(r.backend);
    Facts expected = testing::expected_facts(scenario.settings);
    if (!r.dns) expected = testing::without_dns(expected);
    TempDir ours, theirs;
    planned(r.backend, scenario, ours);
    write_file(theirs / "network.yaml", testing::cloud_init_v1(scenario.settings));
    RunResult result = run_checked({cloud_init, "devel", "net-convert", "-p", theirs / "network.yaml", "-k",
                                    "yaml", "-d", theirs / "out", "-D", r.distro, "-O", r.kind});
    ASSERT_TRUE(result.succeeded()) << result.err;
    Facts our_facts = read_facts(r, ours.path(), scenario.settings);
    Facts their_facts = read_facts(r, theirs / "out", scenario.settings);
    EXPECT_EQ(our_facts, expected);
    EXPECT_EQ(their_facts, r.routes ? expected : testing::address_facts(expected));
    EXPECT_EQ(r.routes ? our_facts : testing::address_facts(our_facts), their_facts);
  }
}

std::string scenario_name(const ::testing::TestParamInfo<testing::Scenario>& info) {
  std::string name;
  bool upper = true;
  for (char c : info.param.name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Oracle, ::testing::ValuesIn(testing::scenarios()), scenario_name);

}  // namespace
}  // namespace image_agent::firstboot

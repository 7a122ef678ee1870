// The network configuration readers behind the dhcp and network items, on strings: guest/'s
// parsers, as precheck sees their results (one NicConfig per NIC).
#include <gtest/gtest.h>

#include "precheck/facts/nic_config.h"

namespace image_agent::precheck {
namespace {

NicConfig parse_ifcfg(std::string_view text, const std::string& path) {
  return nic_config(guest::parse_ifcfg(text, path));
}

NicConfig parse_networkd(std::string_view text, const std::string& path) {
  return nic_config(guest::parse_network_unit(text), path);
}

std::optional<NicConfig> parse_nm_keyfile(std::string_view text, const std::string& path) {
  return nic_config(guest::parse_nm_keyfile(text), path);
}

/// (path, content) in netplan's order, merged as netplan merges them.
Result<NicConfigs> parse_netplan(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::vector<guest::NetplanEthernet>> parsed;
  for (const auto& [path, text] : files) {
    Result<std::vector<guest::NetplanEthernet>> ethernets = guest::parse_netplan_file(text, path);
    if (!ethernets) return ethernets.error();
    parsed.push_back(std::move(*ethernets));
  }
  return nic_configs(guest::merge_netplan(parsed));
}

/// name + flags, compact: "eth0 dhcp4 static6".
std::string summary(const NicConfig& nic) {
  std::string out = nic.name;
  if (nic.dhcp4) out += " dhcp4";
  if (nic.dhcp6) out += " dhcp6";
  if (nic.static4) out += " static4";
  if (nic.static6) out += " static6";
  return out;
}

std::string summary(const NicConfigs& nics) {
  std::string out;
  for (const NicConfig& nic : nics) out += (out.empty() ? "" : "; ") + summary(nic);
  return out;
}

struct Case {
  const char* text;
  const char* want;
};

TEST(IfcfgParser, BootprotoAndAddresses) {
  const char* rhel = "/etc/sysconfig/network-scripts/ifcfg-eth0";
  const Case cases[] = {
      {"DEVICE=eth0\nBOOTPROTO=dhcp\nONBOOT=yes\n", "eth0 dhcp4"},
      {"BOOTPROTO=\"dhcp\"\n", "eth0 dhcp4"},
      {"BOOTPROTO=none\nIPADDR=10.0.0.5\nPREFIX=24\n", "eth0 static4"},
      {"BOOTPROTO=static\nIPADDR0=10.0.0.5\n", "eth0 static4"},
      {"BOOTPROTO=dhcp\nIPV6INIT=yes\nIPV6ADDR=2001:db8::5/64\n", "eth0 dhcp4 static6"},
      {"BOOTPROTO=dhcp\nDHCPV6C=yes\n", "eth0 dhcp4 dhcp6"},
      {"DEVICE=ens3\nBOOTPROTO=BOOTP\n", "ens3 dhcp4"},
      {"BOOTPROTO=none\n", "eth0"},
      {"", "eth0"},
  };
  for (const Case& c : cases) EXPECT_EQ(summary(parse_ifcfg(c.text, rhel)), c.want) << c.text;

  const char* suse = "/etc/sysconfig/network/ifcfg-eth1";
  EXPECT_EQ(summary(parse_ifcfg("BOOTPROTO='dhcp'\nSTARTMODE='auto'\n", suse)), "eth1 dhcp4 dhcp6");
  EXPECT_EQ(summary(parse_ifcfg("BOOTPROTO='dhcp4'\n", suse)), "eth1 dhcp4");
  EXPECT_EQ(summary(parse_ifcfg("BOOTPROTO='static'\nIPADDR='2001:db8::1/64'\n", suse)), "eth1 static6");
  EXPECT_EQ(parse_ifcfg("BOOTPROTO=dhcp\n", rhel).source, rhel);
}

TEST(InterfacesParser, IfaceStanzasAndSources) {
  const char* path = "/etc/network/interfaces";
  const Case cases[] = {
      {"auto lo\niface lo inet loopback\nauto eth0\niface eth0 inet dhcp\n", "lo; eth0 dhcp4"},
      {"iface eth0 inet static\n  address 10.0.0.5/24\n", "eth0 static4"},
      {"iface eth0 inet dhcp\niface eth0 inet6 auto\n", "eth0 dhcp4 dhcp6"},
      {"iface eth0 inet dhcp\niface eth0 inet6 static\n address 2001:db8::5/64\n", "eth0 dhcp4 static6"},
      {"allow-hotplug ens3\niface ens3 inet6 dhcp\n", "ens3 dhcp6"},
      {"iface eth1 inet manual\n", "eth1"},
      {"# iface eth0 inet static\n", ""},
  };
  for (const Case& c : cases)
    EXPECT_EQ(summary(nic_configs(guest::parse_interfaces(c.text, path))), c.want) << c.text;

  guest::InterfacesFile file =
      guest::parse_interfaces("source /etc/network/interfaces.d/*\nsource-directory interfaces.d\n", path);
  EXPECT_EQ(file.sources, std::vector<std::string>{"/etc/network/interfaces.d/*"});
  EXPECT_EQ(file.directories, std::vector<std::string>{"interfaces.d"});
}

TEST(NetplanParser, EthernetsMergedAcrossFiles) {
  const Case cases[] = {
      {"network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n", "eth0 dhcp4"},
      {"network:\n  ethernets:\n    eth0:\n      dhcp4: yes\n      dhcp6: on\n", "eth0 dhcp4 dhcp6"},
      {"network:\n  ethernets:\n    ens3:\n      addresses: [10.0.0.5/24, \"2001:db8::5/64\"]\n",
       "ens3 static4 static6"},
      {"network:\n  ethernets:\n    id0:\n      match: {name: \"en*\"}\n      dhcp4: true\n", "en* dhcp4"},
      {"network:\n  ethernets:\n    id0:\n      match: {macaddress: \"52:54:00:12:34:56\"}\n      set-name: "
       "eth0\n"
       "      dhcp4: false\n      addresses:\n        - 10.0.0.5/24:\n            lifetime: 0\n",
       "eth0 static4"},
      {"network:\n  bridges:\n    br0: {dhcp4: true}\n", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    Result<NicConfigs> nics = parse_netplan({{"/etc/netplan/a.yaml", c.text}});
    ASSERT_TRUE(nics.ok()) << c.text << ": " << nics.error().message;
    EXPECT_EQ(summary(*nics), c.want) << c.text;
  }
  Result<NicConfigs> merged =
      parse_netplan({{"/etc/netplan/50-cloud-init.yaml", "network:\n  ethernets:\n    eth0: {dhcp4: true}\n"},
                     {"/etc/netplan/90-static.yaml",
                      "network:\n  ethernets:\n    eth0: {dhcp4: false, addresses: [10.1.1.1/24]}\n    eth1: "
                      "{dhcp4: true}\n"}});
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(summary(*merged), "eth0 static4; eth1 dhcp4");
  EXPECT_EQ((*merged)[0].source, "/etc/netplan/90-static.yaml");

  Result<NicConfigs> bad = parse_netplan({{"/etc/netplan/bad.yaml", "network: [unclosed\n"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("/etc/netplan/bad.yaml"), std::string::npos);
}

TEST(NetworkdParser, MatchNameDhcpAndAddresses) {
  const char* path = "/etc/systemd/network/10-eth0.network";
  const Case cases[] = {
      {"[Match]\nName=eth0\n\n[Network]\nDHCP=yes\n", "eth0 dhcp4 dhcp6"},
      {"[Match]\nName=en*\n[Network]\nDHCP=ipv4\n", "en* dhcp4"},
      {"[Match]\nName=eth0 eth1\n[Network]\nDHCP=ipv6\n", "eth0 dhcp6"},
      {"[Match]\nName=eth0\n[Network]\nAddress=10.0.0.5/24\nGateway=10.0.0.1\n", "eth0 static4"},
      {"[Match]\nName=eth0\n[Network]\nDHCP=no\n[Address]\nAddress=2001:db8::5/64\n", "eth0 static6"},
      {"[Match]\nMACAddress=52:54:00:12:34:56\n[Network]\nDHCP=true\n", "52:54:00:12:34:56 dhcp4 dhcp6"},
      {"[Match]\nMACAddress=52:54:00:12:34:56\nName=en*\n[Network]\nDHCP=true\n", "en* dhcp4 dhcp6"},
      {"# Name=eth0\n[Network]\n; DHCP=yes\n", "*"},
  };
  for (const Case& c : cases) EXPECT_EQ(summary(parse_networkd(c.text, path)), c.want) << c.text;
}

TEST(NmKeyfileParser, EthernetConnectionsOnly) {
  const char* path = "/etc/NetworkManager/system-connections/eth0.nmconnection";
  const Case cases[] = {
      {"[connection]\nid=eth0\ntype=ethernet\ninterface-name=eth0\n[ipv4]\nmethod=auto\n", "eth0 dhcp4"},
      {"[connection]\ntype=802-3-ethernet\n[ipv4]\nmethod=manual\naddress1=10.0.0.5/24,10.0.0.1\n",
       "* static4"},
      {"[connection]\ntype=ethernet\ninterface-name=ens3\n", "ens3 dhcp4"},
      {"[connection]\ntype=ethernet\n[ethernet]\nmac-address=52:54:00:12:34:56\n", "52:54:00:12:34:56 dhcp4"},
      {"[connection]\ntype=ethernet\ninterface-name=ens3\n[ipv4]\nmethod=disabled\n[ipv6]\nmethod=auto\n",
       "ens3 dhcp6"},
      {"[connection]\ntype=ethernet\ninterface-name=eth0\n[ipv6]\nmethod=manual\naddress1=2001:db8::5/64\n",
       "eth0 dhcp4 static6"},
  };
  for (const Case& c : cases) {
    std::optional<NicConfig> nic = parse_nm_keyfile(c.text, path);
    ASSERT_TRUE(nic.has_value()) << c.text;
    EXPECT_EQ(summary(*nic), c.want) << c.text;
  }
  EXPECT_FALSE(parse_nm_keyfile("[connection]\ntype=wifi\n", path).has_value());
  EXPECT_FALSE(parse_nm_keyfile("[connection]\ntype=loopback\ninterface-name=lo\n", path).has_value());
}

}  // namespace
}  // namespace image_agent::precheck

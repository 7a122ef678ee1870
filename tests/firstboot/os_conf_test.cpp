#include "firstboot/os_conf.h"
#include "firstboot/os_conf_file.h"

#include <gtest/gtest.h>

#include "platform/process.h"
#include "test_support/seed_os_conf.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

constexpr const char* kVpc = testing::kSeedVpcOsConf;
constexpr const char* kClassic = testing::kSeedClassicOsConf;

std::string all_errors(const OsConf& c) {
  std::string text;
  auto add = [&](const std::vector<Issue>& issues) {
    for (const Issue& i : issues) text += std::to_string(i.line) + ":" + i.key + ": " + i.message + "\n";
  };
  add(c.file_errors);
  add(c.hostname.errors);
  add(c.password.errors);
  add(c.network.errors);
  add(c.dns.errors);
  return text;
}

TEST(WithoutPassword, OnlyThePasswordLinesGoEveryOtherByteStays) {
  EXPECT_EQ(without_password("hostname=a\npassword=cXdIcjEyMzQK\neth0_ip_addr=10.0.0.5\n"),
            "hostname=a\neth0_ip_addr=10.0.0.5\n");
  EXPECT_EQ(without_password("  password = \"cXdI\"\r\nhostname=a\r\n"), "hostname=a\r\n");
  EXPECT_EQ(without_password("hostname=a\npassword=x"), "hostname=a\n");  // no final newline
  EXPECT_EQ(without_password("# password=x is a comment\npasswords=x\n"),
            "# password=x is a comment\npasswords=x\n");
  const std::string seed = testing::kSeedVpcOsConf;
  EXPECT_EQ(without_password(seed).find("password"), std::string::npos);
  EXPECT_EQ(without_password(seed).size() + std::string("password=cXdIcjEyMzQK\n").size(), seed.size());
}

TEST(ParseOsConf, SeedVpcExample) {
  OsConf c = parse_os_conf(kVpc);
  ASSERT_FALSE(c.has_errors()) << all_errors(c);
  EXPECT_EQ(*c.hostname.value, "iZ23r29djmjZ");
  EXPECT_EQ(c.password.value->view(), "qwHr1234");
  const NetworkSettings& n = *c.network.value;
  ASSERT_EQ(n.nics.size(), 1U);
  EXPECT_FALSE(n.classic());
  EXPECT_EQ(n.nics[0].config_name, "eth0");
  EXPECT_EQ(*n.nics[0].mac, "00:8c:fa:5e:14:23");
  EXPECT_EQ(n.nics[0].address, "10.171.254.123");
  EXPECT_EQ(n.nics[0].prefix, 24);
  EXPECT_EQ(n.nics[0].routes, (std::vector<Route>{{"0.0.0.0", 0, "10.171.254.1"}}));
  EXPECT_EQ(n.default_nic, 0);
  EXPECT_EQ(n.default_gateway, "10.171.254.1");
  EXPECT_EQ(c.dns.value->nameservers, (std::vector<std::string>{"7.7.7.7", "8.8.8.8"}));
  EXPECT_EQ(n.nameservers, c.dns.value->nameservers) << "the NIC profiles carry the servers too";
  EXPECT_TRUE(c.warnings.empty());
}

TEST(ParseOsConf, InvalidDnsLeavesTheNetworkWithoutServers) {
  std::string text = kVpc;
  text.replace(text.find("dns_nameserver=\"7.7.7.7"), 23, "dns_nameserver=\"7.7.7.");
  OsConf c = parse_os_conf(text);
  ASSERT_FALSE(c.dns.errors.empty());
  ASSERT_TRUE(c.network.value);
  EXPECT_TRUE(c.network.value->nameservers.empty());
}

TEST(ParseOsConf, SeedClassicExample) {
  OsConf c = parse_os_conf(kClassic);
  ASSERT_FALSE(c.has_errors()) << all_errors(c);
  const NetworkSettings& n = *c.network.value;
  ASSERT_EQ(n.nics.size(), 2U);
  EXPECT_TRUE(n.classic());
  EXPECT_EQ(n.nics[0].routes.size(), 2U) << "every intranet route, not only the first";
  EXPECT_EQ(n.default_nic, 1);
  EXPECT_EQ(n.default_gateway, "42.120.74.1") << "the seed script wrote it empty";
}

TEST(ParseOsConf, Eth1InACommentOrValueIsNotClassic) {
  std::string text = std::string(kVpc) + "# eth1 is not used\n";
  OsConf c = parse_os_conf(text);
  ASSERT_FALSE(c.has_errors()) << all_errors(c);
  EXPECT_FALSE(c.network.value->classic());
}

TEST(ParseOsConf, VpcWithoutRouteUsesEth0Gateway) {
  OsConf c = parse_os_conf("eth0_ip_addr=10.0.0.5\neth0_netmask=255.255.255.0\neth0_gateway=10.0.0.1\n");
  ASSERT_FALSE(c.has_errors()) << all_errors(c);
  EXPECT_EQ(c.network.value->default_gateway, "10.0.0.1");
  EXPECT_FALSE(c.network.value->nics[0].mac) << "no MAC: matched by name";
  EXPECT_FALSE(c.hostname.present());
  EXPECT_FALSE(c.password.present());
}

// Issue 15 #9: inih's 200-byte lines failed eleven routes or a long password on every boot.
TEST(ParseOsConf, ElevenRoutesAndALongPasswordAreNotCutAtAnyLineLength) {
  std::string routes;
  for (int i = 1; i <= 10; ++i) routes += "10." + std::to_string(i) + ".0.0/16 10.171.254.1;";
  routes += "0.0.0.0/0 10.171.254.1";
  std::string encoded;  // Base64 of a 150-character password: 12 x "Tr0ub4dor&3-" + "Tr0ub4"
  std::string plain;
  for (int i = 0; i < 12; ++i) {
    encoded += "VHIwdWI0ZG9yJjMt";
    plain += "Tr0ub4dor&3-";
  }
  encoded += "VHIwdWI0";
  plain += "Tr0ub4";
  std::string text = kVpc;
  text.replace(text.find("password=cXdIcjEyMzQK"), 21, "password=" + encoded);
  const std::string old_route = "eth0_route=\"0.0.0.0/0 10.171.254.1\"";
  text.replace(text.find(old_route), old_route.size(), "eth0_route=\"" + routes + "\"");
  ASSERT_GT(routes.size(), 198U);
  ASSERT_GT(encoded.size(), 198U);

  OsConf c = parse_os_conf(text);
  ASSERT_FALSE(c.has_errors()) << all_errors(c);
  EXPECT_EQ(c.password.value->view(), plain);
  ASSERT_EQ(c.network.value->nics[0].routes.size(), 11U);
  EXPECT_EQ(c.network.value->nics[0].routes[9], (Route{"10.10.0.0", 16, "10.171.254.1"}));
  EXPECT_EQ(c.network.value->default_gateway, "10.171.254.1");
}

// Issue 15 #13: an editor's UTF-8 BOM made line 1 an error and kept os.conf forever.
TEST(ParseOsConf, LeadingUtf8BomIsSkipped) {
  OsConf c = parse_os_conf(std::string("\xEF\xBB\xBF") + kVpc);
  ASSERT_FALSE(c.has_errors()) << all_errors(c);
  EXPECT_EQ(*c.hostname.value, "iZ23r29djmjZ");
}

// Issue 15 #10: /31 and /32 have no network or broadcast address (RFC 3021); a loopback
// name server is a local resolver (127.0.0.53); a route destination is a network.
TEST(ParseOsConf, PointToPointHostsAndLocalResolverAreUsable) {
  for (const char* text :
       {"eth0_ip_addr=10.0.0.0\neth0_netmask=255.255.255.254\neth0_gateway=10.0.0.1\n"
        "eth0_route=\"0.0.0.0/0 10.0.0.1\"\n",
        "eth0_ip_addr=10.0.0.1\neth0_netmask=255.255.255.254\neth0_gateway=10.0.0.0\n",
        "eth0_ip_addr=10.0.0.255\neth0_netmask=255.255.255.255\n",
        "eth0_ip_addr=10.0.0.5\neth0_netmask=255.255.255.0\n"
        "eth0_route=\"224.0.0.0/4 10.0.0.1;0.0.0.0/0 10.0.0.1\"\ndns_nameserver=\"127.0.0.53\"\n"}) {
    OsConf c = parse_os_conf(text);
    EXPECT_FALSE(c.has_errors()) << text << "\n" << all_errors(c);
  }
}

TEST(ParseOsConf, UnknownKeysAreWarningsOnly) {
  OsConf c = parse_os_conf(std::string(kVpc) + "eth0_mtu=1500\nfoo=bar\neth10_ip_addr=1.2.3.4\n");
  EXPECT_FALSE(c.has_errors()) << all_errors(c);
  ASSERT_EQ(c.warnings.size(), 3U);
  EXPECT_EQ(c.warnings[0].line, 9);
  EXPECT_EQ(c.warnings[0].message, "unknown key 'eth0_mtu' ignored");
}

struct Hostile {
  std::string line;
  const char* group;  // which group fails: hostname, password, network, dns, file
  const char* message_part;
};

// Each replaces or adds one line of the VPC example; only its group may fail.
const Hostile kHostile[] = {
    {"hostname=$(reboot)", "hostname", "would be expanded"},
    {"hostname=`reboot`", "hostname", "would be expanded"},
    {"hostname=\"$(touch /tmp/pwned)\"", "hostname", "would be expanded"},
    {"hostname=${HOME}", "hostname", "would be expanded"},
    {"hostname=a;reboot", "hostname", "outside quotes"},
    {"hostname=a && reboot", "hostname", "outside quotes"},
    {"hostname=a|b", "hostname", "outside quotes"},
    {"hostname=a>b", "hostname", "outside quotes"},
    {"hostname=\"unterminated", "hostname", "unbalanced"},
    {"hostname='unterminated", "hostname", "unbalanced"},
    {"hostname=bad_name", "hostname", "may contain only"},
    {"hostname=" + std::string(65, 'a'), "hostname", "longer than 64"},
    {"hostname=-x", "hostname", "starting or ending"},
    {"hostname=a\x1b[31mred", "hostname", "control character"},
    {"hostname=iZ23r29djmjZ\nhostname=other", "hostname", "set twice"},
    {"password=$(cat /etc/shadow)", "password", "would be expanded"},
    {"password=not-base64!", "password", "not Base64"},
    {"password=cXdIcjEyMzQ", "password", "multiple of 4"},
    {"password=\"cXdI cjEy\"", "password", "not Base64"},
    {"password=Cg==", "password", "empty once decoded"},
    {"password=YQA=", "password", "NUL"},
    {"eth0_ip_addr=10.171.254.300", "network", "not an IPv4 address"},
    {"eth0_ip_addr=`id`", "network", "would be expanded"},
    {"eth0_ip_addr=0.171.254.123", "network", "address 0.171.254.123 is in 0.0.0.0/8"},
    {"eth0_ip_addr=127.0.0.1", "network", "address 127.0.0.1 is a loopback address"},
    {"eth0_ip_addr=224.0.0.1", "network", "address 224.0.0.1 is a multicast address"},
    {"eth0_ip_addr=240.0.0.1", "network", "address 240.0.0.1 is reserved"},
    {"eth0_ip_addr=255.255.255.255", "network", "address 255.255.255.255 is the limited broadcast"},
    {"eth0_ip_addr=10.171.254.0", "network",
     "address 10.171.254.0 is the network address of 10.171.254.0/24"},
    {"eth0_ip_addr=10.171.254.255", "network", "10.171.254.255 is the broadcast address of 10.171.254.0/24"},
    {"eth0_gateway=10.171.254.255", "network", "gateway 10.171.254.255 is the broadcast address"},
    {"eth0_gateway=10.171.254.0", "network", "gateway 10.171.254.0 is the network address"},
    {"eth0_gateway=0.0.0.0", "network", "gateway 0.0.0.0 is in 0.0.0.0/8"},
    {"eth0_route=\"0.0.0.0/0 10.171.254.255\"", "network", "gateway 10.171.254.255 is the broadcast address"},
    {"eth0_route=\"0.0.0.0/0 0.0.0.0\"", "network", "gateway 0.0.0.0 is in 0.0.0.0/8"},
    {"eth0_route=\"0.0.0.0/0 224.0.0.1\"", "network", "gateway 224.0.0.1 is a multicast address"},
    {"eth0_netmask=255.0.255.0", "network", "not contiguous"},
    {"eth0_mac_addr=00:8c:fa:5e:14", "network", "not a MAC address"},
    {"eth0_mac_addr=01:00:5e:00:00:01", "network", "multicast"},
    {"eth0_gateway=192.168.1.1", "network", "not reachable"},
    {"eth0_route=0.0.0.0/0 10.171.254.1", "network", "outside quotes"},
    {"eth0_route=\"0.0.0.0/0 10.171.254.1;10.0.0.0/8 192.168.0.1\"", "network", "not reachable"},
    {"eth0_route=\"10.0.0.1/8 10.171.254.1\"", "network", "host bits"},
    {"eth0_route=\"0.0.0.0/0 10.171.254.1\";reboot", "network", "unbalanced"},
    {"eth1_ip_addr=42.120.74.105", "network", "eth1 has no netmask"},
    {"eth1_ip_addr=10.171.254.123\neth1_netmask=255.255.255.0", "network", "same address"},
    {"eth1_ip_addr=42.1.1.2\neth1_netmask=255.0.0.0\neth1_route=\"0.0.0.0/0 42.1.1.1\"", "network",
     "second default route"},
    {"dns_nameserver=\"7.7.7.7 $(reboot)\"", "dns", "would be expanded"},
    {"dns_nameserver=\"7.7.7.7 dns.example\"", "dns", "not an IPv4"},
    {"dns_nameserver=\"\"", "dns", "no name server"},
    {"dns_nameserver=\"0.0.0.0\"", "dns", "name server 0.0.0.0 is in 0.0.0.0/8"},
    {"dns_nameserver=\"7.7.7.7 255.255.255.255\"", "dns", "name server 255.255.255.255 is the limited"},
    {"dns_nameserver=\"224.0.0.251\"", "dns", "name server 224.0.0.251 is a multicast address"},
    {"dns_nameserver=\"240.1.1.1\"", "dns", "name server 240.1.1.1 is reserved"},
    {"password=" + std::string(1 << 20, 'A'), "password", "line longer than"},
    {"$(reboot)", "file", "not a KEY=VALUE"},
    {"`reboot`", "file", "not a KEY=VALUE"},
    {"export PATH=/tmp", "file", "not a KEY=VALUE"},
    {"[section]", "file", "not a KEY=VALUE"},
};

TEST(ParseOsConf, HostileInputFailsOnlyItsGroupWithLineNumber) {
  for (const Hostile& h : kHostile) {
    // Replace the example's line for the same key, so a repeated key is not the reason.
    std::string key = h.line.substr(0, h.line.find('='));
    std::string text;
    for (size_t start = 0, end; start < std::string_view(kVpc).size(); start = end + 1) {
      end = std::string_view(kVpc).find('\n', start);
      std::string line(std::string_view(kVpc).substr(start, end - start));
      if (line.substr(0, line.find('=')) != key || h.line.find("set twice") != std::string::npos)
        text += line + "\n";
    }
    text += h.line + "\n";
    const int expected_line = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    OsConf c = parse_os_conf(text);

    const std::vector<Issue>* failed = std::string(h.group) == "hostname"   ? &c.hostname.errors
                                       : std::string(h.group) == "password" ? &c.password.errors
                                       : std::string(h.group) == "network"  ? &c.network.errors
                                       : std::string(h.group) == "dns"      ? &c.dns.errors
                                                                            : &c.file_errors;
    ASSERT_FALSE(failed->empty()) << h.line << "\nerrors:\n" << all_errors(c);
    EXPECT_NE((*failed)[0].message.find(h.message_part), std::string::npos)
        << h.line << " gave: " << (*failed)[0].message;
    const std::string group = h.group;
    const int line = (*failed)[0].line;
    // Settings missing from a NIC are reported for the NIC, not a line (line 0).
    EXPECT_TRUE(line == expected_line || (line == 0 && group == "network") ||
                (line < expected_line && h.line.find('\n') != std::string::npos))
        << h.line << " reported on line " << line;
    // Every other group still parses; the failed one has no value to apply.
    EXPECT_EQ(c.hostname.value.has_value(), group != "hostname") << h.line;
    EXPECT_EQ(c.password.value.has_value(), group != "password") << h.line;
    EXPECT_EQ(c.network.value.has_value(), group != "network") << h.line;
    EXPECT_EQ(c.dns.value.has_value(), group != "dns") << h.line;
  }
  EXPECT_GE(std::size(kHostile), 30U);
}

TEST(ParseOsConf, ErrorsNeverContainThePassword) {
  for (const char* line :
       {"password=cXdI cjEy", "password=\"cXdIcjEyMzQK\"\npassword=cXdIcjEyMzQK", "password=cXdIcjEyMzQKx"}) {
    OsConf c = parse_os_conf(line);
    EXPECT_EQ(all_errors(c).find("cXdI"), std::string::npos) << all_errors(c);
    EXPECT_EQ(all_errors(c).find("qwHr"), std::string::npos);
  }
}

// Differential test: for valid files, what we parse equals what bash sees when it
// sources the file (the seed's method, safe here because these inputs are ours).
TEST(ParseOsConf, AgreesWithBashOnValidFiles) {
  testing::TempDir dir;
  int n = 0;
  for (const char* text : {kVpc, kClassic,
                           "hostname='single-quoted'\neth0_ip_addr=\"10.0.0.2\"\neth0_netmask='255.255.0.0'\n"
                           "dns_nameserver=\"1.1.1.1\"\n  # indented comment\n\n",
                           "hostname=\"h\"\r\npassword=\"cXdIcjEyMzQK\"\r\n"}) {
    const std::string path = dir / ("os.conf." + std::to_string(n++));
    testing::write_file(path, text);
    Result<RunResult> bash = run_program(
        {"bash", "-c",
         "set -a; . \"$1\"; printf '%s|%s|%s|%s|%s|%s|%s' \"$hostname\" \"$(echo $password | base64 -d)\" "
         "\"$eth0_ip_addr\" \"$eth0_netmask\" \"$eth0_route\" \"$eth1_route\" \"$dns_nameserver\"",
         "bash", path});
    ASSERT_TRUE(bash && bash->succeeded()) << bash->err;
    // bash keeps a trailing \r from CRLF files; os.conf lines are ours to read as text.
    std::string expected = bash->out;
    std::erase(expected, '\r');

    OsConf c = parse_os_conf(text);
    ASSERT_FALSE(c.has_errors()) << all_errors(c);
    auto route_text = [&](size_t nic) {
      std::string t;
      if (!c.network.value || nic >= c.network.value->nics.size()) return t;
      for (const Route& r : c.network.value->nics[nic].routes) {
        t += (t.empty() ? "" : ";") + r.destination + "/" + std::to_string(r.prefix) + " " + r.gateway;
      }
      return t;
    };
    std::string dns;
    if (c.dns.value) {
      for (const std::string& s : c.dns.value->nameservers) dns += (dns.empty() ? "" : " ") + s;
    }
    const Nic* eth0 = c.network.value ? &c.network.value->nics[0] : nullptr;
    std::string ours = c.hostname.value.value_or("") + "|" +
                       std::string(c.password.value ? c.password.value->view() : "") + "|" +
                       (eth0 ? eth0->address : "") + "|" + (eth0 ? eth0->netmask : "") + "|" + route_text(0) +
                       "|" + route_text(1) + "|" + dns;
    EXPECT_EQ(ours, expected) << text;
  }
}

}  // namespace
}  // namespace image_agent::firstboot

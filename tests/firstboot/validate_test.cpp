#include "firstboot/validate.h"

#include <gtest/gtest.h>

namespace image_agent::firstboot {
namespace {

TEST(ValidHostname, AcceptsRfc1123Names) {
  std::string why;
  for (const char* name : {"iZ23r29djmjZ", "web-01", "a", "host.example.com", "0leading-digit"}) {
    EXPECT_TRUE(valid_hostname(name, &why)) << name << ": " << why;
  }
  EXPECT_TRUE(valid_hostname(std::string(63, 'a'), &why));
}

TEST(ValidHostname, RejectsEverythingElse) {
  std::string why;
  for (const std::string& name :
       {std::string(""), std::string("-lead"), std::string("trail-"), std::string("a..b"),
        std::string("under_score"), std::string("sp ace"), std::string("dot."), std::string(64, 'a'),
        std::string(30, 'a') + "." + std::string(34, 'b'), std::string("ünï")}) {
    EXPECT_FALSE(valid_hostname(name, &why)) << name;
  }
  EXPECT_FALSE(valid_hostname("a_b", &why));
  EXPECT_EQ(why, "host name 'a_b' may contain only letters, digits, '-' and '.'");
}

TEST(ParseIpv4, StrictDottedQuad) {
  std::string why;
  EXPECT_EQ(parse_ipv4("10.171.254.123", &why), 0x0aabfe7bU);
  EXPECT_EQ(parse_ipv4("0.0.0.0", &why), 0U);
  EXPECT_EQ(format_ipv4(0x0aabfe7bU), "10.171.254.123");
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "010.1.1.1", "1.2.3.-4", "a.b.c.d", "1..2.3",
                          " 1.2.3.4", "1.2.3.4 ", "0x1.2.3.4"}) {
    EXPECT_FALSE(parse_ipv4(bad, &why)) << bad;
  }
}

TEST(NetmaskPrefix, OnlyContiguousMasks) {
  std::string why;
  EXPECT_EQ(netmask_prefix("255.255.255.0", &why), 24);
  EXPECT_EQ(netmask_prefix("255.255.255.255", &why), 32);
  EXPECT_EQ(netmask_prefix("255.255.240.0", &why), 20);
  EXPECT_EQ(netmask_prefix("128.0.0.0", &why), 1);
  EXPECT_FALSE(netmask_prefix("255.0.255.0", &why));
  EXPECT_EQ(why, "netmask 255.0.255.0 is not contiguous");
  EXPECT_FALSE(netmask_prefix("0.0.0.0", &why));
  EXPECT_FALSE(netmask_prefix("255.255.255.1", &why));
}

TEST(ParseMac, NormalisesAndRejectsNonUnicast) {
  std::string why;
  EXPECT_EQ(parse_mac("00:8C:FA:5E:14:23", &why), "00:8c:fa:5e:14:23");
  EXPECT_EQ(parse_mac("00-8c-fa-5e-14-24", &why), "00:8c:fa:5e:14:24");
  for (const char* bad : {"", "00:8c:fa:5e:14", "00:8c:fa:5e:14:23:11", "0:8c:fa:5e:14:23",
                          "00:8c:fa:5e:14:zz", "00:00:00:00:00:00", "01:00:5e:00:00:01", "008cfa5e1423"}) {
    EXPECT_FALSE(parse_mac(bad, &why)) << bad;
  }
}

TEST(ParseRoutes, SplitsEveryEntry) {
  std::string why;
  auto routes =
      parse_routes("10.0.0.0/8 10.171.254.1;172.16.0.0/12 10.171.254.1;100.64.0.0/10 10.171.254.1", &why);
  ASSERT_TRUE(routes) << why;
  ASSERT_EQ(routes->size(), 3U) << "the seed script's sed without g kept only the first";
  EXPECT_EQ((*routes)[2], (Route{"100.64.0.0", 10, "10.171.254.1"}));
  auto one = parse_routes("0.0.0.0/0 42.120.74.1", &why);
  ASSERT_TRUE(one);
  EXPECT_TRUE((*one)[0].is_default());
  EXPECT_EQ(parse_routes(" 10.0.0.0/8  10.1.1.1 ; ;", &why)->size(), 1U);
}

TEST(ParseRoutes, RejectsMalformedEntries) {
  std::string why;
  for (const char* bad :
       {"", ";", "10.0.0.0 10.1.1.1", "10.0.0.0/8", "10.0.0.0/33 10.1.1.1", "10.0.0.0/-1 10.1.1.1",
        "10.0.0.1/8 10.1.1.1", "10.0.0.0/8 gateway", "10.0.0.0/x 10.1.1.1", "10.0.0.0/8 10.1.1.1;bogus"}) {
    EXPECT_FALSE(parse_routes(bad, &why)) << bad;
  }
  parse_routes("10.0.0.1/8 10.1.1.1", &why);
  EXPECT_EQ(why, "route '10.0.0.1/8 10.1.1.1': 10.0.0.1 has host bits set for /8");
}

struct AddressCase {
  const char* address;
  const char* why;  // "" when usable
};

uint32_t ip(const char* text) {
  std::string why;
  return *parse_ipv4(text, &why);
}

TEST(UnicastHost, RejectsEveryNonUnicastRangeByName) {
  for (const AddressCase& c : {
           AddressCase{"10.171.254.123", ""},
           AddressCase{"1.0.0.0", ""},
           AddressCase{"223.255.255.254", ""},
           AddressCase{"0.0.0.0", "0.0.0.0 is in 0.0.0.0/8 (\"this network\")"},
           AddressCase{"0.255.1.1", "0.255.1.1 is in 0.0.0.0/8 (\"this network\")"},
           AddressCase{"127.0.0.1", "127.0.0.1 is a loopback address (127.0.0.0/8)"},
           AddressCase{"127.255.255.254", "127.255.255.254 is a loopback address (127.0.0.0/8)"},
           AddressCase{"224.0.0.1", "224.0.0.1 is a multicast address (224.0.0.0/4)"},
           AddressCase{"239.255.255.255", "239.255.255.255 is a multicast address (224.0.0.0/4)"},
           AddressCase{"240.0.0.1", "240.0.0.1 is reserved (240.0.0.0/4)"},
           AddressCase{"255.255.255.254", "255.255.255.254 is reserved (240.0.0.0/4)"},
           AddressCase{"255.255.255.255", "255.255.255.255 is the limited broadcast address"},
       }) {
    std::string why;
    EXPECT_EQ(unicast_host(ip(c.address), &why), *c.why == '\0') << c.address;
    EXPECT_EQ(why, c.why) << c.address;
  }
}

struct SubnetCase {
  const char* address;
  const char* nic_address;
  int prefix;
  const char* why;  // "" when usable
};

TEST(HostOfSubnet, NetworkAndBroadcastOnlyWhereTheSubnetHasThem) {
  for (const SubnetCase& c : {
           SubnetCase{"10.171.254.1", "10.171.254.123", 24, ""},
           SubnetCase{"10.171.254.254", "10.171.254.123", 24, ""},
           SubnetCase{"10.171.254.0", "10.171.254.123", 24,
                      "10.171.254.0 is the network address of 10.171.254.0/24"},
           SubnetCase{"10.171.254.255", "10.171.254.123", 24,
                      "10.171.254.255 is the broadcast address of 10.171.254.0/24"},
           SubnetCase{"10.0.0.3", "10.0.0.1", 30, "10.0.0.3 is the broadcast address of 10.0.0.0/30"},
           SubnetCase{"10.0.0.2", "10.0.0.1", 30, ""},
           // RFC 3021: both addresses of a /31 are hosts; a /32 is the host alone.
           SubnetCase{"10.0.0.0", "10.0.0.1", 31, ""},
           SubnetCase{"10.0.0.1", "10.0.0.0", 31, ""},
           SubnetCase{"10.0.0.255", "10.0.0.255", 32, ""},
           // Addresses outside the subnet are another rule's business (reachability).
           SubnetCase{"192.168.0.0", "10.0.0.1", 24, ""},
       }) {
    std::string why;
    EXPECT_EQ(host_of_subnet(ip(c.address), ip(c.nic_address), c.prefix, &why), *c.why == '\0') << c.address;
    EXPECT_EQ(why, c.why) << c.address << "/" << c.prefix;
  }
}

TEST(UsableNameserver, LoopbackIsALocalResolverTheRestMustBeUnicast) {
  for (const AddressCase& c : {
           AddressCase{"8.8.8.8", ""},
           AddressCase{"127.0.0.53", ""},
           AddressCase{"127.0.0.1", ""},
           AddressCase{"0.0.0.0", "0.0.0.0 is in 0.0.0.0/8 (\"this network\")"},
           AddressCase{"224.0.0.251", "224.0.0.251 is a multicast address (224.0.0.0/4)"},
           AddressCase{"240.0.0.1", "240.0.0.1 is reserved (240.0.0.0/4)"},
           AddressCase{"255.255.255.255", "255.255.255.255 is the limited broadcast address"},
       }) {
    std::string why;
    EXPECT_EQ(usable_nameserver(ip(c.address), &why), *c.why == '\0') << c.address;
    EXPECT_EQ(why, c.why) << c.address;
  }
}

TEST(ParseRoutes, GatewaysMustBeUnicastDestinationsAreNetworks) {
  std::string why;
  EXPECT_TRUE(parse_routes("0.0.0.0/0 10.0.0.1;224.0.0.0/4 10.0.0.1", &why)) << why;
  EXPECT_FALSE(parse_routes("0.0.0.0/0 0.0.0.0", &why));
  EXPECT_EQ(why, "route '0.0.0.0/0 0.0.0.0': gateway 0.0.0.0 is in 0.0.0.0/8 (\"this network\")");
  EXPECT_FALSE(parse_routes("10.0.0.0/8 10.0.0.1;0.0.0.0/0 127.0.0.1", &why));
  EXPECT_EQ(why, "route '0.0.0.0/0 127.0.0.1': gateway 127.0.0.1 is a loopback address (127.0.0.0/8)");
  EXPECT_FALSE(parse_routes("0.0.0.0/0 255.255.255.255", &why));
}

TEST(DecodePassword, StripsTrailingNewlinesLikeTheShell) {
  std::string why;
  std::optional<Secret> secret = decode_password("cXdIcjEyMzQK", &why);  // echo qwHr1234 | base64
  ASSERT_TRUE(secret) << why;
  EXPECT_EQ(secret->view(), "qwHr1234");
  EXPECT_EQ(decode_password("cXdIcjEyMzQ=", &why)->view(), "qwHr1234");  // printf, no newline
  EXPECT_EQ(decode_password("YSBiCgoK", &why)->view(), "a b");
  EXPECT_EQ(decode_password("w6nDoMO8", &why)->view(), "\xc3\xa9\xc3\xa0\xc3\xbc");
}

TEST(DecodePassword, StrictBase64Only) {
  std::string why;
  for (const char* bad : {"", "cXdIcjEyMzQ", "cXdI cjEyMzQK", "cXdIcjEyMzQK\n", "cXd=cjEy",
                          "cXdIcjEyMz==", "cXdIcjEyMzR=", "cXdIcjEy*zQK", "====", "Cg==", "AA==", "YQA="}) {
    EXPECT_FALSE(decode_password(bad, &why)) << bad;
    if (*bad != '\0') {
      EXPECT_EQ(why.find(bad), std::string::npos) << "the message must not echo the value";
    }
  }
}

// libcrypt hashes at most 511 bytes (CRYPT_MAX_PASSPHRASE_SIZE): a longer password must
// be refused for that reason while os.conf is read, not fail later as "crypt failed".
TEST(DecodePassword, LongerThanCryptHashesIsRefusedWithTheReason) {
  auto encoded = [](size_t bytes) {
    std::string out;  // "ppp" is "cHBw"
    for (size_t i = 0; i < bytes / 3; ++i) out += "cHBw";
    if (bytes % 3 == 1) out += "cA==";
    if (bytes % 3 == 2) out += "cHA=";
    return out;
  };
  std::string why;
  std::optional<Secret> longest = decode_password(encoded(511), &why);
  ASSERT_TRUE(longest) << why;
  EXPECT_EQ(longest->view(), std::string(511, 'p'));
  EXPECT_FALSE(decode_password(encoded(512), &why));
  EXPECT_EQ(why, "password is longer than 511 bytes once decoded (more than crypt(3) can hash)");
  EXPECT_FALSE(decode_password(encoded(30000), &why));
}

}  // namespace
}  // namespace image_agent::firstboot

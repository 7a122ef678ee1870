// The one INI reader (systemd unit/.network/.link files, NetworkManager keyfiles).
#include "guest/ini_file.h"

#include <gtest/gtest.h>

namespace image_agent::guest {
namespace {

TEST(IniParser, SectionsKeysAndComments) {
  std::vector<IniEntry> entries = parse_ini("[A]\nk = v\n# c\n; c\nx=1=2\n[B] \nk=w\r\nnovalue\n");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].section, "A");
  EXPECT_EQ(entries[0].value, "v");
  EXPECT_EQ(entries[1].key, "x");
  EXPECT_EQ(entries[1].value, "1=2");
  EXPECT_EQ(entries[2].section, "B");
  EXPECT_EQ(entries[2].value, "w");
}

TEST(IniParser, ValuesKeepSemicolonsAndLongLines) {
  const std::string routes(400, '1');
  std::vector<IniEntry> entries = parse_ini("[ipv4]\ndns=192.0.2.53;198.51.100.53;\nroutes=" + routes + "\n");
  EXPECT_EQ(ini_value(entries, "ipv4", "dns"), "192.0.2.53;198.51.100.53;");
  EXPECT_EQ(ini_value(entries, "ipv4", "routes"), routes);
}

TEST(IniValue, FirstValueOfTheKeyInItsSection) {
  std::vector<IniEntry> entries = parse_ini("[Match]\nName=eth0\n[Network]\nName=x\n[Match]\nName=eth1\n");
  EXPECT_EQ(ini_value(entries, "Match", "Name"), "eth0");
  EXPECT_EQ(ini_value(entries, "Network", "Name"), "x");
  EXPECT_EQ(ini_value(entries, "Match", "MACAddress"), std::nullopt);
}

}  // namespace
}  // namespace image_agent::guest

// The fixtures are what the real os.conf parser makes of the os.conf files beside the
// golden trees (tests/data/firstboot/network/osconf/, the spec's examples with their two
// DNS servers), so the backends are tested on the parser's actual output.

#include <gtest/gtest.h>

#include "firstboot/os_conf.h"
#include "fixtures.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

TEST(Fixtures, AreWhatTheParserMakesOfTheOsConfFiles) {
  for (const testing::Scenario& scenario : testing::scenarios()) {
    SCOPED_TRACE(scenario.name);
    std::string text = image_agent::testing::read_file(std::string(NETWORK_TEST_DATA) + "/osconf/" +
                                                       scenario.name + ".conf");
    OsConf conf = parse_os_conf(text);
    ASSERT_FALSE(conf.network.errors.empty() && !conf.network.value) << "no network group";
    ASSERT_TRUE(conf.network.value) << conf.network.errors.front().message;
    EXPECT_EQ(*conf.network.value, scenario.settings);
    ASSERT_TRUE(conf.dns.value);
    EXPECT_EQ(conf.dns.value->nameservers.size(), 2u) << "the spec's files have two DNS servers";
  }
}

}  // namespace
}  // namespace image_agent::firstboot

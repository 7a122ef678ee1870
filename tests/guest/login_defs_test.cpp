// /etc/login.defs, read once for every engine.
#include "guest/login_defs.h"

#include <gtest/gtest.h>

namespace image_agent::guest {
namespace {

TEST(LoginDefsParser, NameValuePairsLastWins) {
  auto values = parse_login_defs(
      "# comment\nENCRYPT_METHOD SHA512\nUID_MIN\t\t 1000\nMAIL_DIR \"/var/mail\"\nENCRYPT_METHOD "
      "DES\nUSERGROUPS_ENAB\n");
  EXPECT_EQ(values["ENCRYPT_METHOD"], "DES");
  EXPECT_EQ(values["UID_MIN"], "1000");
  EXPECT_EQ(values["MAIL_DIR"], "/var/mail");
  EXPECT_EQ(values["USERGROUPS_ENAB"], "");
  EXPECT_FALSE(values.contains("#"));
  EXPECT_TRUE(parse_login_defs("").empty());
}

}  // namespace
}  // namespace image_agent::guest

// The pure parsers of the system items, table-driven on strings.
#include <gtest/gtest.h>

#include "precheck/facts/cloud_init.h"
#include "precheck/facts/packages.h"
#include "precheck/facts/private_key.h"
#include "precheck/facts/selinux_config.h"
#include "precheck/facts/version.h"
#include "sysprep/text_rules.h"

namespace image_agent::precheck {
namespace {

TEST(SelinuxConfigParser, ReadsTheLastModeCaseInsensitively) {
  struct Case {
    const char* text;
    SelinuxMode mode;
    const char* value;
  };
  const Case cases[] = {
      {"SELINUX=enforcing\nSELINUXTYPE=targeted\n", SelinuxMode::kEnforcing, "enforcing"},
      {"SELINUX=Enforcing\n", SelinuxMode::kEnforcing, "Enforcing"},
      {"SELINUX = permissive \n", SelinuxMode::kPermissive, "permissive"},
      {"SELINUX=\"disabled\"\n", SelinuxMode::kDisabled, "disabled"},
      {"# SELINUX=enforcing\n", SelinuxMode::kUnset, ""},
      {"SELINUX=enforcing\nSELINUX=disabled\n", SelinuxMode::kDisabled, "disabled"},
      {"SELINUX=strict\n", SelinuxMode::kUnknown, "strict"},
      {"", SelinuxMode::kUnset, ""},
  };
  for (const Case& c : cases) {
    SelinuxConfig config = parse_selinux_config(c.text);
    EXPECT_EQ(config.mode, c.mode) << c.text;
    EXPECT_EQ(config.value, c.value) << c.text;
  }
  EXPECT_EQ(parse_selinux_config("SELINUX=enforcing\nSELINUXTYPE=mls\n").type, "mls");
  EXPECT_EQ(parse_selinux_config("\n# x\nSELINUX=enforcing\n").line, 3);
}

TEST(DpkgStatusParser, OnlyInstalledStateCounts) {
  std::vector<DpkgPackage> packages = parse_dpkg_status(
      "Package: qemu-guest-agent\nStatus: install ok installed\nVersion: 1:7.2+dfsg-7\nDescription: x\n "
      "more\n\n"
      "Package: cloud-init\nStatus: deinstall ok config-files\nVersion: 22.4\n\n"
      "Package: openssh-server\nStatus: hold ok installed\nVersion: 1:9.2p1-2\n\n"
      "Package: half\nStatus: install reinstreq half-installed\n");
  ASSERT_EQ(packages.size(), 2u);
  EXPECT_EQ(packages[0].name, "qemu-guest-agent");
  EXPECT_EQ(packages[0].version, "1:7.2+dfsg-7");
  EXPECT_EQ(packages[1].name, "openssh-server");
  EXPECT_TRUE(parse_dpkg_status("").empty());
}

TEST(CompareVersions, NumericDottedIgnoringEpochAndSuffix) {
  struct Case {
    const char* a;
    const char* b;
    int sign;
  };
  const Case cases[] = {{"0.7.9", "0.7.9", 0},
                        {"0.7.10", "0.7.9", 1},
                        {"0.7.8", "0.7.9", -1},
                        {"23.4", "0.7.9", 1},
                        {"0.7.9-1ubuntu1", "0.7.9", 0},
                        {"1:0.7.5-3", "0.7.9", -1},
                        {"22.4.2+dfsg", "22.4.10", -1},
                        {"1.0", "1", 0},
                        {"", "0.7.9", -1}};
  for (const Case& c : cases) {
    int result = compare_versions(c.a, c.b);
    EXPECT_EQ((result > 0) - (result < 0), c.sign) << c.a << " vs " << c.b;
  }
}

TEST(CloudInitParsers, Version) {
  EXPECT_EQ(parse_cloud_init_version("import x\n__VERSION__ = \"23.4.1\"\n_PACKAGED_VERSION = '@@'\n"),
            "23.4.1");
  EXPECT_EQ(parse_cloud_init_version("__VERSION__ = '0.7.9'\n"), "0.7.9");
  EXPECT_EQ(parse_cloud_init_version("nothing here\n"), "");
}

TEST(PrivateKeyRules, AgreeWithSysprep) {
  const char* samples[] = {
      "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n",
      "-----BEGIN RSA PRIVATE KEY-----\r\nabc\r\n",
      "  -----BEGIN ENCRYPTED PRIVATE KEY-----  \n",
      "PuTTY-User-Key-File-3: ssh-ed25519\n",
      "ssh-ed25519 AAAA user@host\n",
      "-----BEGIN PUBLIC KEY-----\n",
      "text -----BEGIN RSA PRIVATE KEY-----\n",
      "",
  };
  for (const char* sample : samples)
    EXPECT_EQ(looks_like_private_key(sample), sysprep::looks_like_private_key(sample)) << sample;
  EXPECT_TRUE(named_like_private_key("id_ed25519"));
  EXPECT_TRUE(named_like_private_key("identity"));
  EXPECT_FALSE(named_like_private_key("id_ed25519.pub"));
  EXPECT_FALSE(named_like_private_key("authorized_keys"));
}

}  // namespace
}  // namespace image_agent::precheck

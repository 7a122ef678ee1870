#include "firstboot/password.h"

#include <crypt.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "firstboot/validate.h"
#include "platform/process.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

Secret secret_of(const char* base64) {
  std::string why;
  return std::move(*decode_password(base64, &why));
}

TEST(HashPrefix, FollowsLoginDefs) {
  EXPECT_EQ(hash_prefix_for(""), "$6$");
  EXPECT_EQ(hash_prefix_for("ENCRYPT_METHOD SHA512\n"), "$6$");
  EXPECT_EQ(hash_prefix_for("# ENCRYPT_METHOD YESCRYPT\nENCRYPT_METHOD YESCRYPT\n"), "$y$");
  EXPECT_EQ(hash_prefix_for("ENCRYPT_METHOD\tSHA256 # comment\n"), "$5$");
  EXPECT_EQ(hash_prefix_for("ENCRYPT_METHOD MD5\n"), "$6$") << "never the weak MD5";
  EXPECT_EQ(hash_prefix_for("ENCRYPT_METHOD_EXTRA YESCRYPT\n"), "$6$");
}

TEST(HashPassword, VerifiesWithCryptAndOpenssl) {
  Secret password = secret_of("cXdIcjEyMzQK");  // qwHr1234
  for (const char* prefix : {"$6$", "$y$", "$5$"}) {
    Result<std::string> hash = hash_password(password, prefix);
    ASSERT_TRUE(hash) << hash.error().message;
    EXPECT_EQ(hash->rfind(prefix, 0), 0U);
    EXPECT_STREQ(crypt("qwHr1234", hash->c_str()), hash->c_str()) << prefix;
    EXPECT_STRNE(crypt("qwHr1235", hash->c_str()), hash->c_str()) << prefix;
  }
  // An independent implementation of SHA-512 crypt: OpenSSL's.
  Result<std::string> hash = hash_password(password, "$6$");
  ASSERT_TRUE(hash);
  std::string salt = hash->substr(3, hash->find('$', 3) - 3);
  RunOptions options;
  options.input = std::string("qwHr1234\n");
  Result<RunResult> openssl = run_program({"openssl", "passwd", "-6", "-salt", salt, "-stdin"}, options);
  ASSERT_TRUE(openssl && openssl->succeeded());
  EXPECT_EQ(openssl->out, *hash + "\n");
}

TEST(HashPassword, SaltsDiffer) {
  Secret password = secret_of("cXdIcjEyMzQK");
  EXPECT_NE(*hash_password(password, "$6$"), *hash_password(password, "$6$"));
}

TEST(ShadowWithRootHash, ChangesOnlyRootsHashAndDate) {
  const std::string shadow =
      "daemon:*:19000:0:99999:7:::\nroot:!:19000:0:99999:7:::\nrooty:$6$x$y:1::::::\nnobody:*:19000::::::";
  Result<std::string> updated = shadow_with_root_hash(shadow, "$6$s$h", 20411);
  ASSERT_TRUE(updated);
  EXPECT_EQ(*updated,
            "daemon:*:19000:0:99999:7:::\nroot:$6$s$h:20411:0:99999:7:::\nrooty:$6$x$y:1::::::\nnobody:*:"
            "19000::::::");
  EXPECT_FALSE(shadow_with_root_hash("daemon:*:1::::::\n", "$6$s$h", 1));
  EXPECT_FALSE(shadow_with_root_hash("root:x\n", "$6$s$h", 1));
}

TEST(RootHashMatches, OnlyForTheSamePassword) {
  Secret password = secret_of("cXdIcjEyMzQK");
  std::string hash = *hash_password(password, "$6$");
  EXPECT_TRUE(root_hash_matches("daemon:*:1::::::\nroot:" + hash + ":1::::::\n", password));
  EXPECT_FALSE(root_hash_matches("root:" + hash + ":1::::::\n", secret_of("cXdIcjEyMzU=")));
  EXPECT_FALSE(root_hash_matches("root:!" + hash + ":1::::::\n", password)) << "locked is not the same";
  EXPECT_FALSE(root_hash_matches("root:*:1::::::\n", password));
  EXPECT_FALSE(root_hash_matches("xroot:" + hash + ":1::::::\n", password));
}

TEST(PlanPassword, BackupThenShadowKeepingModeOwnerAndOtherLines) {
  testing::TempDir dir;
  const std::string others = "daemon:*:19000:0:99999:7:::\nalice:$y$j9T$abc$def:19500:0:99999:7:::\n";
  testing::write_file(dir / "etc/shadow", "root:*:19000:0:99999:7:::\n" + others, 0640);
  testing::write_file(dir / "etc/login.defs", "ENCRYPT_METHOD SHA512\n");
  if (::geteuid() == 0) {
    ASSERT_EQ(::chown((dir / "etc/shadow").c_str(), 0, 42), 0);
  }
  Result<RootFs> fs = RootFs::open(dir.path());
  ASSERT_TRUE(fs);
  {
    Result<ShadowLock> lock = ShadowLock::acquire(*fs);
    ASSERT_TRUE(lock) << lock.error().message;
    Result<GroupPlan> plan = plan_password(*fs, secret_of("cXdIcjEyMzQK"), 20411);
    ASSERT_TRUE(plan) << plan.error().message;
    std::string rendered = render_plan(*fs, *plan);
    EXPECT_EQ(rendered.find("$6$"), std::string::npos) << "no hash in the dry-run output";
    EXPECT_EQ(rendered.find("$y$"), std::string::npos);
    EXPECT_NE(rendered.find("+root:<new hash>:20411:"), std::string::npos) << rendered;
    ASSERT_TRUE(apply_group(*fs, *plan));
  }
  std::string shadow = testing::read_file(dir / "etc/shadow");
  std::string root_line = shadow.substr(0, shadow.find('\n'));
  std::string hash = root_line.substr(5, root_line.find(':', 5) - 5);
  EXPECT_STREQ(crypt("qwHr1234", hash.c_str()), hash.c_str());
  EXPECT_EQ(shadow.substr(shadow.find('\n') + 1), others) << "other lines byte for byte";
  EXPECT_NE(root_line.find(":20411:0:99999:7:::"), std::string::npos);
  EXPECT_EQ(testing::read_file(dir / "etc/shadow-"), "root:*:19000:0:99999:7:::\n" + others);
  struct stat st {};
  ASSERT_EQ(::stat((dir / "etc/shadow").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640U);
  if (::geteuid() == 0) {
    EXPECT_EQ(st.st_gid, 42U) << "owner kept";
  }
  // The backup holds the old hashes: it is made as closed as /etc/shadow (issue 15).
  ASSERT_EQ(::stat((dir / "etc/shadow-").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640U);
  if (::geteuid() == 0) {
    EXPECT_EQ(st.st_gid, 42U) << "group of /etc/shadow";
  }
}

}  // namespace
}  // namespace image_agent::firstboot

// firstboot --root on a real Debian root (bookworm minbase with ifupdown, systemd, udev and
// sshd, made by mmdebstrap and cached), with the seed's classic two-NIC os.conf.
#include <crypt.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>

#include "platform/process.h"
#include "test_support/debian_root.h"
#include "test_support/seed_os_conf.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

using testing::read_file;
using testing::write_file;

/// The seed's classic os.conf with a third intranet route on eth0: every route must land.
std::string classic_with_three_routes() {
  std::string text = testing::kSeedClassicOsConf;
  const std::string last = "172.16.0.0/12 10.171.254.1\"";
  text.replace(text.find(last), last.size(), "172.16.0.0/12 10.171.254.1;100.64.0.0/10 10.171.254.1\"");
  return text;
}

std::map<std::string, std::string> etc_snapshot(const std::string& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root + "/etc")) {
    if (e.is_regular_file() && !e.is_symlink()) files[e.path()] = read_file(e.path());
  }
  return files;
}

RunResult agent(const std::vector<std::string>& args) {
  std::vector<std::string> argv{IMAGE_AGENT_BINARY, "firstboot"};
  argv.insert(argv.end(), args.begin(), args.end());
  Result<RunResult> r = run_program(argv);
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : RunResult{};
}

TEST(DebianRoot, FirstbootConfiguresEveryFileOfAClassicInstance) {
  testing::TempDir dir;
  std::string skip;
  const std::string root =
      testing::extract_debian_root("ifupdown,iproute2,openssh-server,systemd,udev", dir.path(), &skip);
  if (root.empty()) {
    if (!skip.empty()) GTEST_SKIP() << skip;
    return;
  }
  const std::string shadow_before = read_file(root + "/etc/shadow");
  struct stat shadow_st {};
  ASSERT_EQ(::stat((root + "/etc/shadow").c_str(), &shadow_st), 0);
  write_file(dir / "os.conf", classic_with_three_routes());

  RunResult r = agent({"--root", root, "--os-conf", dir / "os.conf"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("network: applied (backend ifupdown)"), std::string::npos) << r.err;

  // hostname
  EXPECT_EQ(read_file(root + "/etc/hostname"), "iZ23r29djmjZ\n");
  EXPECT_NE(read_file(root + "/etc/hosts").find("127.0.1.1\tiZ23r29djmjZ\n"), std::string::npos);

  // password: verifies with crypt(3); every other line byte for byte; owner and mode kept
  const std::string shadow = read_file(root + "/etc/shadow");
  const std::string root_line = shadow.substr(0, shadow.find('\n'));
  ASSERT_EQ(root_line.rfind("root:$6$", 0), 0U) << "Debian's login.defs: SHA512";
  const std::string hash = root_line.substr(5, root_line.find(':', 5) - 5);
  EXPECT_STREQ(crypt("qwHr1234", hash.c_str()), hash.c_str());
  EXPECT_EQ(shadow.substr(shadow.find('\n')), shadow_before.substr(shadow_before.find('\n')));
  EXPECT_EQ(read_file(root + "/etc/shadow-"), shadow_before);
  struct stat st {};
  ASSERT_EQ(::stat((root + "/etc/shadow").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode, shadow_st.st_mode);
  EXPECT_EQ(st.st_uid, shadow_st.st_uid);
  EXPECT_EQ(st.st_gid, shadow_st.st_gid) << "group shadow kept";

  // network: both NICs, all three intranet routes, the default route on eth1
  const std::string interfaces = read_file(root + "/etc/network/interfaces.d/image-agent");
  for (const char* expected :
       {"iface eth0 inet static", "address 10.171.254.123", "netmask 255.255.255.0",
        "10.0.0.0/8 via 10.171.254.1", "172.16.0.0/12 via 10.171.254.1", "100.64.0.0/10 via 10.171.254.1",
        "iface eth1 inet static", "address 42.120.74.105", "gateway 42.120.74.1"}) {
    EXPECT_NE(interfaces.find(expected), std::string::npos) << expected << " in\n" << interfaces;
  }
  EXPECT_EQ(interfaces.find("gateway 10.171.254.1"), std::string::npos) << "one default gateway only";
  // The real ifquery of this root's ifupdown reads what we wrote.
  Result<RunResult> ifquery =
      run_program({"ifquery", "-i", root + "/etc/network/interfaces.d/image-agent", "eth1"});
  ASSERT_TRUE(ifquery) << ifquery.error().message;
  EXPECT_NE(ifquery->out.find("gateway: 42.120.74.1"), std::string::npos) << ifquery->out << ifquery->err;
  // NIC names pinned by MAC for systemd-udevd.
  const std::string link0 = read_file(root + "/etc/systemd/network/10-image-agent-eth0.link");
  EXPECT_NE(link0.find("MACAddress=00:8c:fa:5e:14:23"), std::string::npos) << link0;
  EXPECT_NE(link0.find("Name=eth0"), std::string::npos) << link0;
  EXPECT_NE(
      read_file(root + "/etc/systemd/network/10-image-agent-eth1.link").find("MACAddress=00:8c:fa:5e:14:24"),
      std::string::npos);

  // dns
  EXPECT_NE(read_file(root + "/etc/resolv.conf").find("nameserver 7.7.7.7\nnameserver 8.8.8.8\n"),
            std::string::npos);

  // os.conf deleted; the same os.conf again changes nothing under /etc
  EXPECT_FALSE(std::filesystem::exists(dir / "os.conf"));
  write_file(dir / "os.conf", classic_with_three_routes());
  auto before = etc_snapshot(root);
  RunResult again = agent({"--root", root, "--os-conf", dir / "os.conf"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(etc_snapshot(root), before);
}

}  // namespace
}  // namespace image_agent::firstboot

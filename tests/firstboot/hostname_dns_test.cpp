#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "firstboot/dns.h"
#include "firstboot/hostname.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

using testing::read_file;
using testing::write_file;

TEST(HostsWithName, ReplacesThe127011LineOrAppends) {
  EXPECT_EQ(
      hosts_with_name("127.0.0.1\tlocalhost\n127.0.1.1\told.example old\n::1 localhost\n", "iZ23r29djmjZ"),
      "127.0.0.1\tlocalhost\n127.0.1.1\tiZ23r29djmjZ\n::1 localhost\n");
  EXPECT_EQ(hosts_with_name("127.0.0.1 localhost", "web.example.com"),
            "127.0.0.1 localhost\n127.0.1.1\tweb.example.com web\n");
  EXPECT_EQ(hosts_with_name("127.0.1.10 other\n", "h"), "127.0.1.10 other\n127.0.1.1\th\n");
}

TEST(PlanHostname, DebianRootAndRhel6AndSuseFiles) {
  testing::TempDir dir;
  write_file(dir / "etc/hostname", "localhost\n");
  write_file(dir / "etc/hosts", "127.0.0.1 localhost\n");
  write_file(dir / "etc/sysconfig/network", "NETWORKING=yes\nHOSTNAME=old\nGATEWAY=10.0.0.1\n");
  write_file(dir / "etc/HOSTNAME", "old\n");
  Result<RootFs> fs = RootFs::open(dir.path());
  Result<GroupPlan> plan = plan_hostname(*fs, "iZ23r29djmjZ", /*live=*/false);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->actions.empty()) << "offline: the running host name is not ours to change";
  ASSERT_TRUE(apply_group(*fs, *plan));
  EXPECT_EQ(read_file(dir / "etc/hostname"), "iZ23r29djmjZ\n");
  EXPECT_EQ(read_file(dir / "etc/HOSTNAME"), "iZ23r29djmjZ\n");
  EXPECT_EQ(read_file(dir / "etc/sysconfig/network"),
            "NETWORKING=yes\nHOSTNAME=iZ23r29djmjZ\nGATEWAY=10.0.0.1\n");
  EXPECT_EQ(read_file(dir / "etc/hosts"), "127.0.0.1 localhost\n127.0.1.1\tiZ23r29djmjZ\n");
  EXPECT_EQ(plan_hostname(*fs, "x", /*live=*/true)->actions.size(), 1U);
}

TEST(PlanHostname, SuseNetworkDirectoryIsNotAHostnameFile) {
  // SLES 15: /etc/sysconfig/network holds ifcfg files and `config`; the name is in
  // /etc/hostname. Reading the directory as RHEL's file failed every boot.
  testing::TempDir dir;
  write_file(dir / "etc/hostname", "localhost\n");
  write_file(dir / "etc/sysconfig/network/config", "NETCONFIG_DNS_STATIC_SERVERS=\"\"\n");
  write_file(dir / "etc/sysconfig/network/ifcfg-eth0", "BOOTPROTO='dhcp'\nSTARTMODE='auto'\n");
  Result<RootFs> fs = RootFs::open(dir.path());
  Result<GroupPlan> plan = plan_hostname(*fs, "iZ23r29djmjZ", /*live=*/false);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_TRUE(apply_group(*fs, *plan));
  EXPECT_EQ(read_file(dir / "etc/hostname"), "iZ23r29djmjZ\n");
  EXPECT_EQ(read_file(dir / "etc/sysconfig/network/config"), "NETCONFIG_DNS_STATIC_SERVERS=\"\"\n");
}

TEST(PlanHostname, Sle12HostnameLinkIsWrittenThroughNotReplaced) {
  testing::TempDir dir;
  write_file(dir / "etc/HOSTNAME", "linux\n");
  ASSERT_EQ(::symlink("HOSTNAME", (dir / "etc/hostname").c_str()), 0);
  Result<RootFs> fs = RootFs::open(dir.path());
  Result<GroupPlan> plan = plan_hostname(*fs, "iZ23r29djmjZ", /*live=*/false);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_TRUE(apply_group(*fs, *plan));
  EXPECT_EQ(read_file(dir / "etc/HOSTNAME"), "iZ23r29djmjZ\n");
  struct stat st {};
  ASSERT_EQ(::lstat((dir / "etc/hostname").c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
}

TEST(PlanHostname, AnUnreadableHostnameFileIsAnErrorNotAbsent) {
  testing::TempDir dir;
  write_file(dir / "etc/hostname", "linux\n");
  ASSERT_EQ(::symlink("HOSTNAME", (dir / "etc/HOSTNAME").c_str()), 0);
  Result<RootFs> fs = RootFs::open(dir.path());
  Result<GroupPlan> plan = plan_hostname(*fs, "iZ23r29djmjZ", /*live=*/false);
  ASSERT_FALSE(plan);
  EXPECT_NE(plan.error().message.find("/etc/HOSTNAME"), std::string::npos) << plan.error().message;
}

const DnsSettings kDns{{"7.7.7.7", "8.8.8.8"}};

TEST(PlanDns, PlainFileKeepsSearchAndOptions) {
  EXPECT_EQ(
      resolv_conf_with(
          "# comment\nsearch example.com\nnameserver 1.1.1.1\nnameserver 9.9.9.9\noptions rotate\n", kDns),
      "# comment\nsearch example.com\nnameserver 7.7.7.7\nnameserver 8.8.8.8\noptions rotate\n");
  EXPECT_EQ(resolv_conf_with("", kDns), "nameserver 7.7.7.7\nnameserver 8.8.8.8\n");
}

TEST(PlanDns, SystemdResolvedSymlinkGetsADropInAndTheLinkStays) {
  testing::TempDir dir;
  write_file(dir / "run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
  ::mkdir((dir / "etc").c_str(), 0755);
  ASSERT_EQ(::symlink("../run/systemd/resolve/stub-resolv.conf", (dir / "etc/resolv.conf").c_str()), 0);
  Result<RootFs> fs = RootFs::open(dir.path());
  EXPECT_EQ(*detect_resolver_owner(*fs), ResolverOwner::kSystemdResolved);
  Result<GroupPlan> plan = plan_dns(*fs, kDns);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_TRUE(apply_group(*fs, *plan));
  std::string dropin = read_file(dir / "etc/systemd/resolved.conf.d/90-image-agent.conf");
  EXPECT_NE(dropin.find("[Resolve]\nDNS=7.7.7.7 8.8.8.8\n"), std::string::npos) << dropin;
  EXPECT_NE(dropin.find(kOwnedMarker), std::string::npos);
  EXPECT_EQ(read_file(dir / "run/systemd/resolve/stub-resolv.conf"), "nameserver 127.0.0.53\n");
}

TEST(PlanDns, UnknownSymlinkIsAnErrorNotAnOverwrite) {
  testing::TempDir dir;
  ::mkdir((dir / "etc").c_str(), 0755);
  ASSERT_EQ(::symlink("/somewhere/else", (dir / "etc/resolv.conf").c_str()), 0);
  Result<RootFs> fs = RootFs::open(dir.path());
  Result<GroupPlan> plan = plan_dns(*fs, kDns);
  ASSERT_FALSE(plan);
  EXPECT_NE(plan.error().message.find("/somewhere/else"), std::string::npos);
}

// SLES 15's stock files: resolv.conf links to netconfig's output, and netconfig takes
// static servers from /etc/sysconfig/network/config (netconfig(8)).
constexpr const char* kSuseConfig =
    "## Path:\tSystem/Management\n## Type:\tstring\n#\n# List of DNS nameserver IP addresses to use for "
    "host-name "
    "lookup.\n#\nNETCONFIG_DNS_STATIC_SERVERS=\"\"\n\nNETCONFIG_DNS_POLICY=\"auto\"\n";

TEST(PlanDns, SuseNetconfigLinkGetsStaticServersInItsConfig) {
  testing::TempDir dir;
  write_file(dir / "etc/sysconfig/network/config", kSuseConfig);
  write_file(dir / "run/netconfig/resolv.conf", "### autogenerated by netconfig!\nnameserver 10.0.2.3\n");
  ASSERT_EQ(::symlink("/run/netconfig/resolv.conf", (dir / "etc/resolv.conf").c_str()), 0);
  Result<RootFs> fs = RootFs::open(dir.path());
  EXPECT_EQ(*detect_resolver_owner(*fs), ResolverOwner::kNetconfig);
  Result<GroupPlan> plan = plan_dns(*fs, kDns);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_TRUE(apply_group(*fs, *plan));
  std::string want = kSuseConfig;
  const std::string empty = "SERVERS=\"\"";
  want.replace(want.find(empty), empty.size(), "SERVERS=\"7.7.7.7 8.8.8.8\"");
  EXPECT_EQ(read_file(dir / "etc/sysconfig/network/config"), want);
  EXPECT_EQ(read_file(dir / "run/netconfig/resolv.conf"),
            "### autogenerated by netconfig!\nnameserver 10.0.2.3\n");
}

TEST(PlanDns, NetconfigWrittenPlainFileIsNetconfigsToo) {
  testing::TempDir dir;
  write_file(dir / "etc/resolv.conf",
             "### /etc/resolv.conf file autogenerated by netconfig!\nnameserver 10.0.2.3\n");
  Result<RootFs> fs = RootFs::open(dir.path());
  EXPECT_EQ(*detect_resolver_owner(*fs), ResolverOwner::kNetconfig);
  Result<GroupPlan> plan = plan_dns(*fs, kDns);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->files.size(), 1U);
  EXPECT_EQ(plan->files[0].content, "NETCONFIG_DNS_STATIC_SERVERS=\"7.7.7.7 8.8.8.8\"\n");
}

// A guest whose NetworkManager.service is enabled the way systemctl enable leaves it.
void enable_network_manager(const testing::TempDir& dir) {
  write_file(dir / "usr/lib/systemd/system/NetworkManager.service",
             "[Install]\nWantedBy=multi-user.target\n");
  std::filesystem::create_directories(dir / "etc/systemd/system/multi-user.target.wants");
  ASSERT_EQ(::symlink("/usr/lib/systemd/system/NetworkManager.service",
                      (dir / "etc/systemd/system/multi-user.target.wants/NetworkManager.service").c_str()),
            0);
}

TEST(PlanDns, NetworkManagerOwnedFileGetsGlobalDns) {
  testing::TempDir dir;
  enable_network_manager(dir);
  write_file(dir / "etc/resolv.conf", "# Generated by NetworkManager\nnameserver 10.0.2.3\n");
  Result<RootFs> fs = RootFs::open(dir.path());
  Result<GroupPlan> plan = plan_dns(*fs, kDns);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->files.size(), 1U);
  EXPECT_EQ(plan->files[0].path, "/etc/NetworkManager/conf.d/90-image-agent-dns.conf");
  EXPECT_NE(plan->files[0].content.find("[global-dns-domain-*]\nservers=7.7.7.7,8.8.8.8\n"),
            std::string::npos);
}

TEST(PlanDns, StaleNetworkManagerHeaderWithNetworkManagerOffIsAPlainFile) {
  // CentOS 7 with NetworkManager disabled for the network service: the installer's
  // resolv.conf still says "Generated by NetworkManager", but nothing will rewrite it.
  testing::TempDir dir;
  write_file(dir / "usr/lib/systemd/system/NetworkManager.service",
             "[Install]\nWantedBy=multi-user.target\n");
  write_file(dir / "etc/resolv.conf",
             "# Generated by NetworkManager\nsearch localdomain\nnameserver 10.0.2.3\n");
  Result<RootFs> fs = RootFs::open(dir.path());
  EXPECT_EQ(*detect_resolver_owner(*fs), ResolverOwner::kPlainFile);
  Result<GroupPlan> plan = plan_dns(*fs, kDns);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->files.size(), 1U);
  EXPECT_EQ(plan->files[0].path, "/etc/resolv.conf");
  EXPECT_EQ(plan->files[0].content,
            "# Generated by NetworkManager\nsearch localdomain\nnameserver 7.7.7.7\nnameserver 8.8.8.8\n");
}

TEST(PlanDns, PlainFileThatNetworkManagerWillRewriteGetsGlobalDnsNotAnEdit) {
  // A Rocky 9 image whose resolv.conf was emptied before capture: NM writes it from its
  // connections when it starts, after us, so an edit of the file would be lost.
  testing::TempDir dir;
  enable_network_manager(dir);
  write_file(dir / "etc/resolv.conf", "");
  write_file(dir / "etc/NetworkManager/NetworkManager.conf", "[main]\n#plugins=keyfile,ifcfg-rh\n");
  Result<RootFs> fs = RootFs::open(dir.path());
  Result<GroupPlan> plan = plan_dns(*fs, kDns);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->files.size(), 1U);
  EXPECT_EQ(plan->files[0].path, "/etc/NetworkManager/conf.d/90-image-agent-dns.conf");
}

TEST(PlanDns, NetworkManagerWithDnsNoneLeavesResolvConfToUs) {
  testing::TempDir dir;
  enable_network_manager(dir);
  write_file(dir / "etc/NetworkManager/conf.d/dns.conf", "[main]\ndns=none\n");
  Result<RootFs> fs = RootFs::open(dir.path());
  Result<GroupPlan> plan = plan_dns(*fs, kDns);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->files.size(), 1U);
  EXPECT_EQ(plan->files[0].path, "/etc/resolv.conf");
}

}  // namespace
}  // namespace image_agent::firstboot

// Each operation on a planted root changes exactly the paths it names, and nothing else:
// the whole tree, and the file outside it, are compared before and after.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>

#include "guest/cloud_credentials.h"
#include "planted_root.h"
#include "sysprep/context.h"
#include "sysprep/registry.h"
#include "tree_snapshot.h"

namespace image_agent::sysprep::testing {
namespace {

struct Expected {
  std::string_view operation;
  std::set<std::string> changed;  ///< paths relative to the directory holding the root
};

void PrintTo(const Expected& expected, std::ostream* out) {
  *out << expected.operation;
}

std::set<std::string> run_and_diff(const PlantedRoot& root, std::string_view operation, Counts* counts) {
  TreeSnapshot before = snapshot_tree(root.dir().path());
  *counts = run_operations(root.root(), {operation});
  return changed_paths(before, snapshot_tree(root.dir().path()));
}

class OperationTest : public ::testing::TestWithParam<Expected> {};

TEST_P(OperationTest, ChangesExactlyWhatItNames) {
  PlantedRoot root;
  Counts counts;
  std::set<std::string> changed = run_and_diff(root, GetParam().operation, &counts);
  EXPECT_EQ(changed, GetParam().changed);
  EXPECT_EQ(counts.failed, 0);
  EXPECT_EQ(counts.removed + counts.truncated + counts.edited, static_cast<int>(GetParam().changed.size()));
  // Nothing outside the root, and no symlink's target, was touched.
  EXPECT_EQ(image_agent::testing::read_file(root.outside_secret()), "outside the root\n");
  EXPECT_EQ(image_agent::testing::read_file(root / "/etc/shadow"), PlantedRoot::kShadow);
  // A second run finds nothing left to do.
  EXPECT_EQ(run_and_diff(root, GetParam().operation, &counts), std::set<std::string>());
  EXPECT_EQ(counts.removed + counts.truncated + counts.edited + counts.failed, 0);
}

std::string name(const ::testing::TestParamInfo<Expected>& info) {
  std::string id(info.param.operation);
  for (char& c : id) c = c == '-' ? '_' : c;
  return id;
}

INSTANTIATE_TEST_SUITE_P(
    Sysprep, OperationTest,
    ::testing::Values(
        Expected{"ssh-host-keys",
                 {"/root/etc/ssh/ssh_host_rsa_key", "/root/etc/ssh/ssh_host_rsa_key.pub",
                  "/root/etc/ssh/ssh_host_ed25519_key", "/root/etc/ssh/ssh_host_ed25519_key.pub",
                  "/root/etc/ssh/ssh_host_ed25519_key-cert.pub"}},
        Expected{"machine-id", {"/root/etc/machine-id", "/root/var/lib/dbus/machine-id"}},
        Expected{"shell-history",
                 {"/root/root/.bash_history", "/root/root/.sh_history", "/root/root/.python_history",
                  "/root/root/.lesshst", "/root/home/alice/.zsh_history",
                  "/root/home/alice/.local/share/fish/fish_history", "/root/home/alice/.mysql_history",
                  "/root/home/bob/.bash_history", "/root/home/bob/.histfile", "/root/srv/svc/.bash_history",
                  "/root/home/olduser/.bash_history"}},
        Expected{"ssh-user-keys",
                 {"/root/root/.ssh/id_rsa", "/root/home/alice/.ssh/id_ed25519",
                  "/root/home/alice/.ssh/deploy_key", "/root/home/alice/.ssh/known_hosts",
                  "/root/home/bob/.ssh/id_ecdsa", "/root/home/alice/.ssh/id_dsa"}},
        Expected{"ssh-authorized-keys",
                 {"/root/root/.ssh/authorized_keys", "/root/home/alice/.ssh/authorized_keys",
                  "/root/home/bob/.ssh/authorized_keys2"}},
        Expected{"cloud-credentials",
                 {"/root/root/.aliyun",
                  "/root/root/.aliyun/config.json",
                  "/root/home/alice/.aws",
                  "/root/home/alice/.aws/credentials",
                  "/root/home/alice/.aws/config",
                  "/root/home/alice/.aws/sso",
                  "/root/home/alice/.aws/sso/cache",
                  "/root/home/alice/.aws/sso/cache/0123abcd.json",
                  "/root/home/alice/.aws/cli",
                  "/root/home/alice/.aws/cli/cache",
                  "/root/home/alice/.aws/cli/cache/4567ef.json",
                  "/root/home/bob/.azure",
                  "/root/home/bob/.azure/msal_token_cache.json",
                  "/root/home/alice/.oci",
                  "/root/home/alice/.oci/config",
                  "/root/home/alice/.oci/key.pem",
                  "/root/home/alice/.config/gcloud",
                  "/root/home/alice/.config/gcloud/credentials.db",
                  "/root/home/alice/.config/gcloud/configurations",
                  "/root/home/alice/.config/gcloud/configurations/config_default",
                  "/root/home/alice/.docker/config.json",
                  "/root/home/alice/.kube/config",
                  "/root/home/bob/.aliyun"}},
        Expected{"logs",
                 {"/root/var/log/syslog", "/root/var/log/auth.log", "/root/var/log/apt/history.log",
                  "/root/var/log/wtmp", "/root/var/log/journal/4f1c2b3a4d5e6f708192a3b4c5d6e7f8",
                  "/root/var/log/journal/4f1c2b3a4d5e6f708192a3b4c5d6e7f8/system.journal",
                  "/root/var/log/journal/4f1c2b3a4d5e6f708192a3b4c5d6e7f8/user-1000.journal"}},
        Expected{
            "dhcp-leases",
            {"/root/var/lib/dhcp/dhclient.eth0.leases", "/root/var/lib/dhclient/dhclient-5d4c-eth0.lease",
             "/root/var/lib/NetworkManager/internal-5d4c-eth0.lease"}},
        Expected{"net-rules", {"/root/etc/udev/rules.d/70-persistent-net.rules"}},
        Expected{"network-profiles",
                 {"/root/etc/cloud/cloud.cfg.d/99-image-agent-network.cfg",
                  "/root/etc/cloud/cloud.cfg.d/99-image-agent-hostname.cfg"}},
        Expected{"ifcfg-hwaddr", {"/root/etc/sysconfig/network-scripts/ifcfg-eth0"}},
        Expected{
            "cloud-init-state",
            {"/root/var/lib/cloud/instances", "/root/var/lib/cloud/instances/i-123",
             "/root/var/lib/cloud/instances/i-123/user-data.txt", "/root/var/lib/cloud/instances/i-123/sem",
             "/root/var/lib/cloud/instances/i-123/sem/config_ssh", "/root/var/lib/cloud/instance",
             "/root/var/lib/cloud/sem/config_scripts_per_once.once", "/root/var/lib/cloud/data/instance-id"}},
        Expected{"account-backups",
                 {"/root/etc/passwd-", "/root/etc/shadow-", "/root/etc/group-", "/root/etc/gshadow-"}},
        Expected{"tmp-files",
                 {"/root/tmp/download.tar", "/root/tmp/build", "/root/tmp/build/obj",
                  "/root/tmp/build/obj/a.o", "/root/tmp/.X11-unix", "/root/tmp/shadow-link",
                  "/root/tmp/outside-link", "/root/var/tmp/systemd-private-x",
                  "/root/var/tmp/systemd-private-x/tmp", "/root/var/tmp/systemd-private-x/tmp/f"}},
        Expected{
            "package-cache",
            {"/root/var/cache/apt/archives/openssh-server_9.2_amd64.deb",
             "/root/var/cache/apt/archives/partial/vim_9.0_amd64.deb", "/root/var/cache/apt/pkgcache.bin",
             "/root/var/cache/apt/srcpkgcache.bin", "/root/var/cache/dnf/fedora-1",
             "/root/var/cache/dnf/fedora-1/repodata", "/root/var/cache/dnf/fedora-1/repodata/primary.xml"}},
        Expected{"random-seed", {"/root/var/lib/systemd/random-seed"}}),
    name);

// One list for precheck and sysprep (guest/cloud_credentials.h): every location on it is
// removed, whole where it is a directory (~/.aws: keys in config too, tokens in sso/ and
// cli/), the one file otherwise, and --list names each.
TEST(CloudCredentials, RemovesEveryLocationOfTheSharedList) {
  image_agent::testing::TempDir dir;
  const std::string root = dir / "root";
  image_agent::testing::write_file(root + "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
  for (const guest::CloudCredential& credential : guest::cloud_credentials()) {
    const std::string path = root + "/root/" + std::string(credential.path);
    image_agent::testing::write_file(credential.directory ? path + "/cache/token.json" : path, "secret\n",
                                     0600);
    EXPECT_NE(find_operation("cloud-credentials")->removes.find("~/" + std::string(credential.path)),
              std::string_view::npos)
        << credential.path;
  }
  image_agent::testing::write_file(root + "/root/.kube/cache/discovery",
                                   "cache\n");  // the tool's cache stays
  Counts counts = run_operations(root, {"cloud-credentials"});
  EXPECT_EQ(counts.failed, 0);
  for (const guest::CloudCredential& credential : guest::cloud_credentials()) {
    EXPECT_FALSE(std::filesystem::exists(
        std::filesystem::symlink_status(root + "/root/" + std::string(credential.path))))
        << credential.path;
  }
  EXPECT_TRUE(std::filesystem::exists(root + "/root/.kube/cache/discovery"));
  EXPECT_TRUE(std::filesystem::is_directory(root + "/root/.config")) << "only gcloud's directory goes";
}

TEST(Logs, TruncatedLogsKeepTheirModeAndOwner) {
  PlantedRoot root;
  if (::geteuid() == 0) {
    ASSERT_EQ(::chown((root / "/var/log/auth.log").c_str(), 0, 4), 0);
  }
  struct stat before {};
  ASSERT_EQ(::stat((root / "/var/log/auth.log").c_str(), &before), 0);
  run_operations(root.root(), {"logs"});
  struct stat after {};
  ASSERT_EQ(::stat((root / "/var/log/auth.log").c_str(), &after), 0);
  EXPECT_EQ(after.st_size, 0);
  EXPECT_EQ(after.st_mode, before.st_mode);
  EXPECT_EQ(after.st_uid, before.st_uid);
  EXPECT_EQ(after.st_gid, before.st_gid);
  EXPECT_EQ(after.st_ino, before.st_ino) << "the file itself is kept, not replaced";
  struct stat journal {};
  ASSERT_EQ(::stat((root / "/var/log/journal").c_str(), &journal), 0) << "journal directory kept";
  EXPECT_EQ(image_agent::testing::list_dir(root / "/var/log/journal"), "");
}

TEST(MachineId, TruncatedToEmptyNotRemoved) {
  PlantedRoot root;
  run_operations(root.root(), {"machine-id"});
  struct stat st {};
  ASSERT_EQ(::stat((root / "/etc/machine-id").c_str(), &st), 0);
  EXPECT_EQ(st.st_size, 0);
  EXPECT_EQ(st.st_mode & 07777, 0444U);
  EXPECT_FALSE(std::filesystem::exists(root / "/var/lib/dbus/machine-id"));
}

TEST(MachineId, DbusSymlinkToEtcMachineIdStays) {
  PlantedRoot root;
  std::filesystem::remove(root / "/var/lib/dbus/machine-id");
  make_symlink("/etc/machine-id", root / "/var/lib/dbus/machine-id");
  Counts counts = run_operations(root.root(), {"machine-id"});
  EXPECT_EQ(counts.removed, 0);
  EXPECT_EQ(counts.truncated, 1);
  EXPECT_TRUE(std::filesystem::is_symlink(root / "/var/lib/dbus/machine-id"));
}

TEST(MachineId, DbusIdThatIsNotACopyStays) {
  PlantedRoot root;
  image_agent::testing::write_file(root / "/var/lib/dbus/machine-id", "0000000000000000000000000000000a\n");
  Counts counts = run_operations(root.root(), {"machine-id"});
  EXPECT_EQ(counts.removed, 0);
  EXPECT_EQ(counts.skipped, 1);
  EXPECT_EQ(image_agent::testing::read_file(root / "/var/lib/dbus/machine-id"),
            "0000000000000000000000000000000a\n");
}

TEST(MachineId, SymlinkedEtcMachineIdIsAFailureAndItsTargetStays) {
  PlantedRoot root;
  std::filesystem::remove(root / "/etc/machine-id");
  make_symlink("/etc/shadow", root / "/etc/machine-id");
  Counts counts = run_operations(root.root(), {"machine-id"});
  EXPECT_EQ(counts.failed, 1);
  EXPECT_EQ(counts.truncated, 0);
  EXPECT_EQ(image_agent::testing::read_file(root / "/etc/shadow"), PlantedRoot::kShadow);
}

TEST(IfcfgHwaddr, KeepsEveryOtherByteAndTheFileMode) {
  PlantedRoot root;
  run_operations(root.root(), {"ifcfg-hwaddr"});
  const std::string path = root / "/etc/sysconfig/network-scripts/ifcfg-eth0";
  EXPECT_EQ(image_agent::testing::read_file(path), "DEVICE=eth0\nBOOTPROTO=dhcp\nONBOOT=yes");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600U);
}

TEST(UserAccounts, RemovesPeopleTheirGroupsHomesAndMail) {
  PlantedRoot root;
  // carol's home is a system directory: her account goes, the directory stays.
  std::string passwd = image_agent::testing::read_file(root / "/etc/passwd");
  image_agent::testing::write_file(root / "/etc/passwd", passwd + "carol:x:1002:1002::/var/www:/bin/sh\n");
  image_agent::testing::write_file(root / "/var/www/index.html", "<html/>\n");
  Counts counts = run_operations(root.root(), {"user-accounts"});
  EXPECT_EQ(counts.failed, 0);
  using image_agent::testing::read_file;
  EXPECT_EQ(read_file(root / "/etc/passwd"),
            "root:x:0:0:root:/root:/bin/bash\n"
            "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
            "svc:x:998:998:service:/srv/svc:/bin/sh\n");
  EXPECT_EQ(read_file(root / "/etc/shadow"), "root:$6$salt$hash:19000:0:99999:7:::\n");
  EXPECT_EQ(read_file(root / "/etc/group"), "root:x:0:\nsudo:x:27:\nsvc:x:998:\n");
  EXPECT_EQ(read_file(root / "/etc/gshadow"), "root:*::\nsudo:*::\nsvc:!::\n");
  EXPECT_FALSE(std::filesystem::exists(root / "/home/alice"));
  EXPECT_FALSE(std::filesystem::exists(root / "/home/bob"));
  EXPECT_FALSE(std::filesystem::exists(root / "/var/spool/mail/alice"));
  EXPECT_EQ(read_file(root / "/var/www/index.html"), "<html/>\n") << "not carol's own directory: kept";
  EXPECT_TRUE(std::filesystem::exists(root / "/srv/svc/.bash_history")) << "system account kept";
  EXPECT_TRUE(std::filesystem::exists(root / "/home/olduser")) << "no account removed: kept";
  EXPECT_EQ(read_file(root.outside_secret()), "outside the root\n");
}

TEST(UserAccounts, SkipsNamesThatAreNotOneComponent) {
  PlantedRoot root;
  // A user name becomes a path below /var/spool/mail: one with '/' or a dot component
  // would reach /boot. Such an entry is skipped, and the skip names it.
  std::string passwd = image_agent::testing::read_file(root / "/etc/passwd");
  image_agent::testing::write_file(
      root / "/etc/passwd", passwd + "../../../boot/grub/grub.cfg:x:1003:1003::/nonexistent:/bin/sh\n" +
                                "..:x:1004:1004::/nonexistent:/bin/sh\n");
  image_agent::testing::write_file(root / "/boot/grub/grub.cfg", "menuentry\n");
  Result<RootFs> fs = RootFs::open(root.root());
  ASSERT_TRUE(fs);
  Result<Context> context = Context::make(*fs, {});
  ASSERT_TRUE(context);
  Plan plan = find_operation("user-accounts")->plan(*context);
  std::string skips;
  for (const Skip& skip : plan.skipped) skips += skip.path + ": " + skip.reason + "\n";
  EXPECT_NE(skips.find("../../../boot/grub/grub.cfg"), std::string::npos) << skips;
  EXPECT_NE(skips.find("'..'"), std::string::npos) << skips;
  Counts counts = run_operations(root.root(), {"user-accounts"});
  EXPECT_EQ(counts.failed, 0);
  EXPECT_EQ(image_agent::testing::read_file(root / "/boot/grub/grub.cfg"), "menuentry\n");
  EXPECT_TRUE(std::filesystem::exists(root / "/var/spool/mail")) << "'..' is not the spool's parent";
  EXPECT_FALSE(std::filesystem::exists(root / "/var/spool/mail/alice")) << "the other accounts still go";
}

}  // namespace
}  // namespace image_agent::sysprep::testing

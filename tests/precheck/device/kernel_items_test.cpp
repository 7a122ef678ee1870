// The kernel, initramfs and boot-loader items on synthetic roots: kernels in /boot,
// configs, modules.builtin, initramfs archives written here, grub.cfg and BLS entries.
#include <gtest/gtest.h>

#include "guest.h"
#include "test_support/legacy_roots.h"

namespace image_agent::precheck {
namespace {

using testing::cpio_newc;
using testing::Guest;

constexpr const char* kVersion = "6.1.0-13-amd64";

void expect(const Verdict& verdict, Status status, const std::string& code) {
  EXPECT_EQ(status_name(verdict.status), status_name(status)) << verdict.comment;
  EXPECT_EQ(verdict.error_code, code) << verdict.comment;
}

/// A kernel in /boot with `config`, its modules tree, and an initramfs holding `modules`
/// (none: no initramfs).
void install_kernel(const Guest& guest, const std::string& config, const std::vector<std::string>& modules,
                    bool initramfs = true, const std::string& version = kVersion) {
  guest.write("/boot/vmlinuz-" + version, "kernel");
  guest.write("/boot/config-" + version, config);
  guest.write("/lib/modules/" + version + "/modules.builtin", "kernel/drivers/virtio/virtio.ko\n");
  if (!initramfs) return;
  std::vector<std::string> names{"usr/", "usr/lib/", "init"};
  for (const std::string& module : modules)
    names.push_back("usr/lib/modules/" + version + "/kernel/drivers/" + module + ".ko");
  guest.write("/boot/initrd.img-" + version, cpio_newc(names));
}

const char* kModular =
    "CONFIG_VIRTIO_BLK=m\nCONFIG_VIRTIO_NET=m\nCONFIG_VIRTIO_PCI=m\nCONFIG_BLK_DEV_NVME=m\n";

TEST(DriverItem, BuiltInDriversPass) {
  Guest guest;
  install_kernel(guest, "CONFIG_VIRTIO_BLK=y\nCONFIG_VIRTIO_NET=y\nCONFIG_VIRTIO_PCI=y\n", {});
  Verdict verdict = guest.run("driver");
  expect(verdict, Status::kOk, "0");
  EXPECT_EQ(verdict.evidence[1], (Evidence{"virtio_blk", "built in"}));
}

TEST(DriverItem, ModulesInTheInitramfsPass) {
  Guest guest;
  install_kernel(guest, kModular, {"block/virtio_blk", "net/virtio_net", "virtio/virtio_pci"});
  expect(guest.run("driver"), Status::kOk, "0");
}

TEST(DriverItem, ModulesMissingFromTheInitramfsFail) {
  Guest guest;
  install_kernel(guest, kModular, {"block/virtio_blk", "virtio/virtio_pci"});
  Verdict verdict = guest.run("driver");
  expect(verdict, Status::kFailed, "103");
  EXPECT_NE(verdict.comment.find("virtio_net neither built into kernel 6.1.0-13-amd64"), std::string::npos)
      << verdict.comment;
}

TEST(DriverItem, XenFrontendsPass) {
  Guest guest;
  install_kernel(guest, "CONFIG_XEN_BLKDEV_FRONTEND=m\nCONFIG_XEN_NETDEV_FRONTEND=y\n",
                 {"block/xen-blkfront"});
  expect(guest.run("driver"), Status::kOk, "0");
}

TEST(DriverItem, NoKernelOrNoInitramfsFails) {
  Guest none;
  expect(none.run("driver"), Status::kFailed, "101");
  Guest no_initramfs;
  install_kernel(no_initramfs, kModular, {}, false);
  expect(no_initramfs.run("driver"), Status::kFailed, "102");
}

TEST(DriverItem, UnreadableInitramfsIsSkipped) {
  Guest guest;
  install_kernel(guest, kModular, {});
  guest.write(std::string("/boot/initrd.img-") + kVersion, "BZh91AY&SY not really");
  Verdict verdict = guest.run("driver");
  expect(verdict, Status::kSkipped, "");
  EXPECT_NE(verdict.comment.find("bzip2"), std::string::npos) << verdict.comment;
}

TEST(DriverItem, TheDefaultKernelIsJudged) {
  Guest guest;
  install_kernel(guest, kModular, {"block/virtio_blk", "net/virtio_net", "virtio/virtio_pci"}, true,
                 "6.1.0-9-amd64");
  install_kernel(guest, kModular, {}, true, "6.1.0-13-amd64");
  // Without a boot loader config the newest kernel boots: it lacks the drivers.
  expect(guest.run("driver"), Status::kFailed, "103");
  Guest chosen;
  install_kernel(chosen, kModular, {"block/virtio_blk", "net/virtio_net", "virtio/virtio_pci"}, true,
                 "6.1.0-9-amd64");
  install_kernel(chosen, kModular, {}, true, "6.1.0-13-amd64");
  chosen.write("/boot/grub/grub.cfg",
               "set default=\"1\"\nmenuentry 'new' {\n linux /boot/vmlinuz-6.1.0-13-amd64 root=UUID=x\n}\n"
               "menuentry 'old' {\n linux /boot/vmlinuz-6.1.0-9-amd64 root=UUID=x\n}\n");
  expect(chosen.run("driver"), Status::kOk, "0");
}

TEST(NvmeItem, BuiltInPassesMissingWarns) {
  Guest guest;
  install_kernel(guest, "CONFIG_BLK_DEV_NVME=y\n", {});
  expect(guest.run("nvme"), Status::kOk, "0");
  Guest module;
  install_kernel(module, kModular, {"nvme/host/nvme"});
  expect(module.run("nvme"), Status::kOk, "0");
  Guest missing;
  install_kernel(missing, kModular, {"block/virtio_blk"});
  expect(missing.run("nvme"), Status::kWarning, "202");
}

TEST(KernelItem, CompleteKernelPasses) {
  Guest guest;
  install_kernel(guest, kModular, {});
  expect(guest.run("kernel"), Status::kOk, "0");
}

TEST(KernelItem, RescueKernelNeedsNoModulesTree) {
  Guest guest;
  install_kernel(guest, kModular, {}, true, "5.14.0-362.el9.x86_64");
  guest.write("/boot/vmlinuz-0-rescue-0123456789abcdef", "k");
  guest.write("/boot/initramfs-0-rescue-0123456789abcdef.img", cpio_newc({"init"}));
  expect(guest.run("kernel"), Status::kOk, "0");
}

TEST(KernelItem, EachCause) {
  Guest none;
  expect(none.run("kernel"), Status::kFailed, "2601");
  Guest no_initramfs;
  install_kernel(no_initramfs, kModular, {});
  install_kernel(no_initramfs, kModular, {}, false, "6.1.0-9-amd64");
  Verdict verdict = no_initramfs.run("kernel");
  expect(verdict, Status::kFailed, "2602");
  EXPECT_NE(verdict.comment.find("6.1.0-9-amd64"), std::string::npos);
  Guest no_modules;
  no_modules.write("/boot/vmlinuz-5.10.0-1-amd64", "k");
  no_modules.write("/boot/initrd.img-5.10.0-1-amd64", "i");
  expect(no_modules.run("kernel"), Status::kFailed, "2603");
}

constexpr const char* kGrubCfg =
    "set default=\"0\"\nmenuentry 'Debian GNU/Linux' $menuentry_id_option 'gnulinux-simple' {\n"
    "\tlinux\t/boot/vmlinuz-6.1.0-13-amd64 root=ROOT ro "
    "quiet\n\tinitrd\t/boot/initrd.img-6.1.0-13-amd64\n}\n";

std::string grub_cfg(const std::string& root, const std::string& kernel = "/boot/vmlinuz-6.1.0-13-amd64") {
  std::string text = kGrubCfg;
  text.replace(text.find("ROOT"), 4, root);
  text.replace(text.find("/boot/vmlinuz-6.1.0-13-amd64"), 28, kernel);
  return text;
}

TEST(BootloaderItem, UuidRootAndInstalledKernelPass) {
  Guest guest;
  install_kernel(guest, kModular, {});
  guest.write("/boot/grub/grub.cfg", grub_cfg("UUID=1234"));
  expect(guest.run("bootloader"), Status::kOk, "0");
}

TEST(BootloaderItem, SeparateBootPathsResolveUnderBoot) {
  Guest guest;
  install_kernel(guest, kModular, {});
  guest.write("/boot/grub2/grub.cfg", grub_cfg("/dev/mapper/rl-root", "/vmlinuz-6.1.0-13-amd64"));
  expect(guest.run("bootloader"), Status::kOk, "0");
}

TEST(BootloaderItem, EachCause) {
  Guest none;
  install_kernel(none, kModular, {});
  expect(none.run("bootloader"), Status::kFailed, "2501");
  Guest no_entry;
  no_entry.write("/boot/grub/grub.cfg", "set default=0\n");
  expect(no_entry.run("bootloader"), Status::kFailed, "2502");
  Guest gone;
  install_kernel(gone, kModular, {});
  gone.write("/boot/grub/grub.cfg", grub_cfg("UUID=1234", "/boot/vmlinuz-5.10.0-1-amd64"));
  expect(gone.run("bootloader"), Status::kFailed, "2503");
  Guest bare;
  install_kernel(bare, kModular, {});
  bare.write("/boot/grub/grub.cfg", grub_cfg("/dev/sda1"));
  expect(bare.run("bootloader"), Status::kFailed, "2504");
}

TEST(BootloaderItem, BlsEntriesWithSavedEntryAndKernelopts) {
  Guest guest;
  install_kernel(guest, kModular, {}, true, "5.14.0-1.el9.x86_64");
  install_kernel(guest, kModular, {}, true, "5.14.0-2.el9.x86_64");
  guest.write("/boot/grub2/grub.cfg", "set default=\"${saved_entry}\"\nload_env\nblscfg\n");
  guest.write("/boot/grub2/grubenv",
              "# GRUB Environment Block\nsaved_entry=abc-5.14.0-1.el9.x86_64\n"
              "kernelopts=root=/dev/vda2 ro\n");
  for (const char* v : {"5.14.0-1.el9.x86_64", "5.14.0-2.el9.x86_64"})
    guest.write(std::string("/boot/loader/entries/abc-") + v + ".conf",
                std::string("title Linux ") + v + "\nlinux /vmlinuz-" + v + "\noptions $kernelopts\n");
  Verdict verdict = guest.run("bootloader");
  expect(verdict, Status::kFailed, "2504");  // root=/dev/vda2 from grubenv's kernelopts
  EXPECT_NE(verdict.comment.find("/dev/vda2"), std::string::npos);
  EXPECT_EQ(verdict.evidence[2], (Evidence{"kernel", "/vmlinuz-5.14.0-1.el9.x86_64"})) << "the saved entry";
}

// Issue 13 #8: CentOS 6 and SLES 11 boot with GRUB legacy; the cloud takes both (seed
// 002 §3.3.2 lists CentOS 5/6 and SUSE 10/11, §3.1.1 names menu.lst and grub.conf).
std::string centos6_initramfs(const std::vector<std::string>& modules) {
  std::vector<std::string> names{"lib/", "lib/modules/", "init"};
  for (const std::string& module : modules)
    names.push_back(std::string("lib/modules/") + ::image_agent::testing::kCentos6Kernel +
                    "/kernel/drivers/" + module + ".ko");
  return cpio_newc(names);
}

TEST(GrubLegacy, CentOs6BootsItsKernelFromGrubConf) {
  Guest guest;
  ::image_agent::testing::make_centos6_root(
      guest.root(), centos6_initramfs({"block/virtio_blk", "net/virtio_net", "virtio/virtio_pci"}));
  Verdict boot = guest.run("bootloader");
  expect(boot, Status::kOk, "0");
  EXPECT_EQ(boot.comment,
            "\"CentOS 6 (2.6.32-754.el6.x86_64)\" boots /vmlinuz-2.6.32-754.el6.x86_64 (GRUB legacy)");
  EXPECT_EQ(boot.evidence[0], (Evidence{"config", "/boot/grub/grub.conf"}));
  EXPECT_EQ(boot.evidence[1], (Evidence{"loader", "GRUB legacy"}));
  expect(guest.run("kernel"), Status::kOk, "0");
  Verdict driver = guest.run("driver");
  expect(driver, Status::kOk, "0");
  EXPECT_EQ(driver.evidence[1],
            (Evidence{"virtio_blk", "module in /boot/initramfs-2.6.32-754.el6.x86_64.img"}));
}

TEST(GrubLegacy, CentOs6DefaultPicksTheKernelTheDriversAreJudgedIn) {
  // default=1 boots the second title, an updated kernel with virtio in its initramfs; the
  // installer's kernel (which strverscmp ranks newer: "754.el6" > "754.35.1") lacks virtio_net.
  Guest guest;
  ::image_agent::testing::make_centos6_root(guest.root(),
                                            centos6_initramfs({"block/virtio_blk", "virtio/virtio_pci"}));
  const std::string updated = "2.6.32-754.35.1.el6.x86_64";
  guest.write("/boot/vmlinuz-" + updated, "kernel");
  guest.write("/boot/config-" + updated, kModular);
  guest.write("/boot/initramfs-" + updated + ".img",
              cpio_newc({"lib/modules/" + updated + "/kernel/drivers/block/virtio_blk.ko",
                         "lib/modules/" + updated + "/kernel/drivers/net/virtio_net.ko",
                         "lib/modules/" + updated + "/kernel/drivers/virtio/virtio_pci.ko"}));
  guest.mkdir("/lib/modules/" + updated);
  std::string conf = ::image_agent::testing::kCentos6GrubConf;
  conf.replace(conf.find("default=0"), 9, "default=1");
  conf += "title CentOS 6 (" + updated + ")\n\troot (hd0,0)\n\tkernel /vmlinuz-" + updated +
          " ro root=UUID=2b8e4d3c-7a5f-4e0b-9c1d-3f6a8e2d1b47\n\tinitrd /initramfs-" + updated + ".img\n";
  guest.write("/boot/grub/grub.conf", conf);
  Verdict driver = guest.run("driver");
  expect(driver, Status::kOk, "0");
  EXPECT_EQ(driver.evidence[0], (Evidence{"kernel", updated}));
}

TEST(GrubLegacy, CentOs6BareRootDeviceFails) {
  Guest guest;
  ::image_agent::testing::make_centos6_root(guest.root());
  std::string conf = ::image_agent::testing::kCentos6GrubConf;
  size_t root = conf.find("root=UUID=");
  conf.replace(root, conf.find(' ', root) - root, "root=/dev/sda2");
  guest.write("/boot/grub/grub.conf", conf);
  Verdict boot = guest.run("bootloader");
  expect(boot, Status::kFailed, "2504");
  EXPECT_NE(boot.remediation.find("kernel lines of /boot/grub/grub.conf"), std::string::npos)
      << boot.remediation;
}

TEST(GrubLegacy, Sle11BootsItsKernelFromMenuLst) {
  Guest guest;
  std::vector<std::string> names{"lib/", "lib/modules/", "init"};
  for (const char* module : {"block/virtio_blk", "net/virtio_net", "virtio/virtio_pci"})
    names.push_back(std::string("lib/modules/") + ::image_agent::testing::kSle11Kernel + "/kernel/drivers/" +
                    module + ".ko");
  ::image_agent::testing::make_sle11_root(guest.root(), cpio_newc(names));
  Verdict boot = guest.run("bootloader");
  expect(boot, Status::kOk, "0");
  EXPECT_EQ(boot.evidence[0], (Evidence{"config", "/boot/grub/menu.lst"}));
  expect(guest.run("kernel"), Status::kOk, "0");
  expect(guest.run("driver"), Status::kOk, "0");
}

}  // namespace
}  // namespace image_agent::precheck

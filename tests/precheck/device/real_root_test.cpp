// A real Debian bookworm root with linux-image-amd64, initramfs-tools and zstd (without the
// zstd program mkinitramfs falls back to gzip; with it, bookworm's default), built by
// make-debian-root (mmdebstrap, cached): the driver item must find virtio inside the real
// zstd initramfs, and the kernel items must accept the root as Debian made it. The
// package set is the end-to-end guests' base (tests/e2e/make-image): one cached root.
#include <gtest/gtest.h>

#include "guest.h"
#include "precheck/facts/initramfs.h"
#include "precheck/facts/kernels.h"
#include "test_support/debian_root.h"

namespace image_agent::precheck {
namespace {

// One test: ctest runs each in its own process, and extracting the root takes most of
// the time.
TEST(RealDebianRoot, DriverFindsVirtioInTheZstdInitramfsAndKernelItemsPass) {
  ::image_agent::testing::TempDir dir;
  std::string skip;
  const std::string root = ::image_agent::testing::extract_debian_root(
      "linux-image-amd64,initramfs-tools,zstd,systemd-sysv,udev,dbus,openssh-server,iproute2,grub-pc",
      dir.path(), &skip);
  if (root.empty()) GTEST_SKIP() << skip;
  testing::Guest guest("aliyun", false, root);
  const KernelDrivers& drivers = default_kernel_drivers(guest.context());
  ASSERT_FALSE(drivers.version.empty()) << drivers.error;
  ASSERT_FALSE(drivers.initramfs.empty());
  Result<std::string> image = guest.context().fs().read_file(drivers.initramfs, kMaxInitramfsBytes);
  ASSERT_TRUE(image);
  // initramfs-tools in bookworm compresses with zstd (after the early microcode archive, if any).
  EXPECT_NE(image->find("\x28\xb5\x2f\xfd"), std::string::npos) << "a zstd frame";
  EXPECT_EQ(drivers.initramfs_error, "");
  EXPECT_EQ(drivers.config.at("CONFIG_VIRTIO_BLK"), "m");
  EXPECT_TRUE(drivers.loadable("virtio_blk"));
  EXPECT_TRUE(drivers.loadable("virtio_net"));
  EXPECT_TRUE(drivers.built_in("virtio_pci", "CONFIG_VIRTIO_PCI") || drivers.loadable("virtio_pci"));
  Verdict verdict = guest.run("driver");
  EXPECT_EQ(status_name(verdict.status), "OK") << verdict.comment;
  EXPECT_EQ(verdict.error_code, "0");
  bool from_initramfs = false;
  for (const Evidence& e : verdict.evidence)
    from_initramfs = from_initramfs || e.second.starts_with("module in /boot/initrd.img-");
  EXPECT_TRUE(from_initramfs) << "virtio_blk is =m in Debian's kernel";

  for (const char* id : {"nvme", "kernel"}) {
    Verdict passed = guest.run(id);
    EXPECT_EQ(status_name(passed.status), "OK") << id << ": " << passed.comment;
  }
  // The root has a kernel but no grub: nothing would boot it.
  Verdict bootloader = guest.run("bootloader");
  EXPECT_EQ(status_name(bootloader.status), "FAILED") << bootloader.comment;
  EXPECT_EQ(bootloader.error_code, "2501");
}

}  // namespace
}  // namespace image_agent::precheck

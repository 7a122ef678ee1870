// A real Debian bookworm root with linux-image-amd64, initramfs-tools and zstd (without the
// zstd program mkinitramfs falls back to gzip; with it, bookworm's default), built by
// make-debian-root (mmdebstrap, cached): the driver item must find virtio inside the real
// zstd initramfs, and the kernel items must accept the root as Debian made it.
#include <gtest/gtest.h>

#include "guest.h"
#include "precheck/facts/initramfs.h"
#include "precheck/facts/kernels.h"
#include "test_support/debian_root.h"

namespace image_agent::precheck {
namespace {

class RealDebianRoot : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ::image_agent::testing::TempDir();
    root_ = ::image_agent::testing::extract_debian_root("linux-image-amd64,initramfs-tools,systemd,udev,zstd",
                                                        dir_->path(), &skip_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (root_.empty()) GTEST_SKIP() << skip_;
  }

  static ::image_agent::testing::TempDir* dir_;
  static std::string root_;
  static std::string skip_;
};
::image_agent::testing::TempDir* RealDebianRoot::dir_ = nullptr;
std::string RealDebianRoot::root_;
std::string RealDebianRoot::skip_;

TEST_F(RealDebianRoot, DriverFindsVirtioInTheZstdInitramfs) {
  testing::Guest guest("aliyun", false, root_);
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
}

TEST_F(RealDebianRoot, NvmeAndKernelPass) {
  testing::Guest guest("aliyun", false, root_);
  for (const char* id : {"nvme", "kernel"}) {
    Verdict verdict = guest.run(id);
    EXPECT_EQ(status_name(verdict.status), "OK") << id << ": " << verdict.comment;
  }
}

TEST_F(RealDebianRoot, NoBootLoaderInstalledFails) {
  // The root has a kernel but no grub: nothing would boot it.
  testing::Guest guest("aliyun", false, root_);
  Verdict verdict = guest.run("bootloader");
  EXPECT_EQ(status_name(verdict.status), "FAILED") << verdict.comment;
  EXPECT_EQ(verdict.error_code, "2501");
}

}  // namespace
}  // namespace image_agent::precheck

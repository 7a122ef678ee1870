// Items decided from disks, file systems, the kernel, the initramfs and the boot loader;
// each is defined in checks/<id>.cpp.
#include "precheck/registry.h"

namespace image_agent::precheck {

extern const Item kDriverItem;
extern const Item kNvmeItem;
extern const Item kFilesystemItem;
extern const Item kDeviceIdItem;
extern const Item kFstabDataDiskItem;
extern const Item kPartitionTableItem;
extern const Item kLvmItem;
extern const Item kSingleRootItem;
extern const Item kDiskSizeItem;
extern const Item kDiskUsageItem;
extern const Item kInodeUsageItem;
extern const Item kBootloaderItem;
extern const Item kKernelItem;
extern const Item kFirstPartitionItem;
extern const Item kEncryptedItem;
extern const Item kDataDiskSizeItem;

std::span<const Item> device_items() {
  static const Item kItems[] = {
      kDriverItem,        kNvmeItem,           kFilesystemItem, kDeviceIdItem,
      kFstabDataDiskItem, kPartitionTableItem, kLvmItem,        kSingleRootItem,
      kDiskSizeItem,      kDiskUsageItem,      kInodeUsageItem, kBootloaderItem,
      kKernelItem,        kFirstPartitionItem, kEncryptedItem,  kDataDiskSizeItem,
  };
  return kItems;
}

}  // namespace image_agent::precheck

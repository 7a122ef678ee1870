#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace image_agent::precheck {

/// A kernel's build configuration (/boot/config-VERSION): "CONFIG_VIRTIO_BLK" -> "y", "m",
/// a number or a string. "# CONFIG_X is not set" lines are left out.
using KernelConfig = std::map<std::string, std::string, std::less<>>;

KernelConfig parse_kernel_config(std::string_view text);

/// The modules built into a kernel, from /lib/modules/VERSION/modules.builtin
/// ("kernel/drivers/block/virtio_blk.ko"), as module names with '-' made '_'
/// ("virtio_blk").
std::set<std::string, std::less<>> parse_modules_builtin(std::string_view text);

/// "virtio_blk" for "kernel/drivers/block/virtio_blk.ko.zst", "xen_blkfront" for
/// "xen-blkfront.ko": the name modprobe knows a module file by; "" when `path` is no module.
std::string module_name_of(std::string_view path);

}  // namespace image_agent::precheck

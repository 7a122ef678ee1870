#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "precheck/context.h"
#include "precheck/facts/kernel_config.h"

namespace image_agent::precheck {

/// An installed kernel: /boot/vmlinuz-VERSION, and what belongs to it.
struct InstalledKernel {
  std::string version;
  std::string image;      ///< "/boot/vmlinuz-VERSION"
  std::string initramfs;  ///< the first of /boot/initrd.img-V, initramfs-V.img, initrd-V that exists; ""
  bool modules = false;   ///< /lib/modules/VERSION exists
  /// RHEL's rescue kernel (vmlinuz-0-rescue-MACHINEID): a copy of an installed kernel with
  /// a generic initramfs and no modules tree of its own.
  bool rescue = false;
};

/// Every kernel in /boot, sorted by version (oldest first), computed once per run.
const std::vector<InstalledKernel>& installed_kernels(const Context& context);

/// The kernel GRUB boots by default (see guest_boot_config); without a boot loader
/// configuration, /vmlinuz's target or the newest installed kernel. nullopt: none.
const std::optional<InstalledKernel>& default_kernel(const Context& context);

/// Where each driver of the default kernel is: built in, in its initramfs, or neither.
struct KernelDrivers {
  std::string version;       ///< "" when no kernel was found (then `error` says so)
  std::string error;         ///< why nothing could be decided
  bool have_config = false;  ///< /boot/config-VERSION read
  KernelConfig config;
  std::set<std::string, std::less<>> builtin;       ///< from modules.builtin
  std::string initramfs;                            ///< its guest path, "" if none
  std::string initramfs_error;                      ///< why it could not be read
  std::set<std::string, std::less<>> in_initramfs;  ///< module names found inside it

  /// Built in: `option`=y in the config, or `module` listed in modules.builtin.
  bool built_in(std::string_view module, std::string_view option) const;
  bool loadable(std::string_view module) const { return in_initramfs.contains(module); }
};
const KernelDrivers& default_kernel_drivers(const Context& context);

}  // namespace image_agent::precheck

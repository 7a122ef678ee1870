// The guest's installed kernels, the one it boots by default, and which drivers that
// kernel has built in or in its initramfs.
#include "precheck/facts/kernels.h"

#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "precheck/facts/grub.h"
#include "precheck/facts/initramfs.h"

namespace image_agent::precheck {

const std::vector<InstalledKernel>& installed_kernels(const Context& context) {
  return context.fact<std::vector<InstalledKernel>>("installed_kernels", [&] {
    const RootFs& fs = context.fs();
    std::vector<InstalledKernel> kernels;
    Result<std::vector<DirEntry>> boot = fs.list("/boot");
    if (!boot) return kernels;
    for (const DirEntry& entry : *boot) {
      if (!entry.name.starts_with("vmlinuz-") || entry.name.ends_with(".hmac")) continue;
      InstalledKernel kernel;
      kernel.version = entry.name.substr(8);
      kernel.image = "/boot/" + entry.name;
      for (const std::string& name :
           {"/boot/initrd.img-" + kernel.version, "/boot/initramfs-" + kernel.version + ".img",
            "/boot/initrd-" + kernel.version}) {
        if (fs.exists(name)) {
          kernel.initramfs = name;
          break;
        }
      }
      kernel.modules = fs.exists("/lib/modules/" + kernel.version);
      kernel.rescue = kernel.version.starts_with("0-rescue-");
      kernels.push_back(std::move(kernel));
    }
    std::sort(kernels.begin(), kernels.end(), [](const InstalledKernel& a, const InstalledKernel& b) {
      return ::strverscmp(a.version.c_str(), b.version.c_str()) < 0;
    });
    return kernels;
  });
}

const std::optional<InstalledKernel>& default_kernel(const Context& context) {
  return context.fact<std::optional<InstalledKernel>>(
      "default_kernel", [&]() -> std::optional<InstalledKernel> {
        const std::vector<InstalledKernel>& kernels = installed_kernels(context);
        auto by_version = [&](const std::string& version) -> std::optional<InstalledKernel> {
          for (const InstalledKernel& kernel : kernels)
            if (kernel.version == version) return kernel;
          return std::nullopt;
        };
        const guest::BootConfig& boot = guest_boot_config(context);
        if (boot.chosen) return by_version(guest::kernel_version_of(boot.chosen->kernel));
        if (Result<std::string> target = context.fs().read_link("/vmlinuz"))
          if (auto kernel = by_version(guest::kernel_version_of(*target))) return kernel;
        for (auto it = kernels.rbegin(); it != kernels.rend(); ++it)
          if (!it->rescue) return *it;
        return std::nullopt;
      });
}

bool KernelDrivers::built_in(std::string_view module, std::string_view option) const {
  auto it = config.find(option);
  return (it != config.end() && it->second == "y") || builtin.contains(module);
}

const KernelDrivers& default_kernel_drivers(const Context& context) {
  return context.fact<KernelDrivers>("default_kernel_drivers", [&] {
    KernelDrivers drivers;
    const std::optional<InstalledKernel>& kernel = default_kernel(context);
    if (!kernel) {
      drivers.error = guest_boot_config(context).chosen
                          ? "the default boot entry's kernel is not installed in /boot"
                          : "no kernel is installed in /boot";
      return drivers;
    }
    const RootFs& fs = context.fs();
    drivers.version = kernel->version;
    if (Result<std::string> text = fs.read_file("/boot/config-" + kernel->version)) {
      drivers.have_config = true;
      drivers.config = parse_kernel_config(*text);
    }
    if (Result<std::string> text = fs.read_file("/lib/modules/" + kernel->version + "/modules.builtin"))
      drivers.builtin = parse_modules_builtin(*text);
    drivers.initramfs = kernel->initramfs;
    if (kernel->initramfs.empty()) return drivers;
    // Read a chunk at a time: Debian's unpacks to ~190 MB, of which only the names count.
    Result<UniqueFd> image = fs.open_regular(kernel->initramfs);
    if (!image) {
      drivers.initramfs_error = image.error().message;
      return drivers;
    }
    const ByteSource from_file = [&](char* buffer, size_t size) -> Result<size_t> {
      for (;;) {
        const ssize_t n = ::read(image->get(), buffer, size);
        if (n >= 0) return static_cast<size_t>(n);
        if (errno != EINTR) return Error::from_errno("read " + kernel->initramfs);
      }
    };
    Result<std::vector<std::string>> files = initramfs_files(from_file);
    if (!files) {
      drivers.initramfs_error = files.error().message;
      return drivers;
    }
    for (const std::string& path : *files) {
      std::string name = module_name_of(path);
      if (!name.empty()) drivers.in_initramfs.insert(std::move(name));
    }
    return drivers;
  });
}

}  // namespace image_agent::precheck

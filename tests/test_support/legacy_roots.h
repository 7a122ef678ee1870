#pragma once

// Guest roots of the GRUB legacy era, file by file as the installers leave them: CentOS
// 6.10 (anaconda) and SLES 11 SP4 (YaST). Neither has an os-release. Where each file's
// shape comes from is noted beside it in legacy_roots.cpp.
#include <string>

namespace image_agent::testing {

/// CentOS 6.10's kernel, and SLES 11 SP4's.
inline constexpr const char* kCentos6Kernel = "2.6.32-754.el6.x86_64";
inline constexpr const char* kSle11Kernel = "3.0.101-63-default";

/// anaconda's /boot/grub/grub.conf for a /boot partition of its own (hd0,0).
extern const char* const kCentos6GrubConf;
/// YaST's /boot/grub/menu.lst for a single root partition (hd0,1 after swap).
extern const char* const kSle11MenuLst;

/// Writes a CentOS 6.10 root under host directory `root`: redhat-release, centos-release and
/// the system-release link; grub.conf with the menu.lst and /etc/grub.conf links; the
/// kernel, its config and modules directory, and `initramfs` as its
/// initramfs-VERSION.img (dracut's name).
void make_centos6_root(const std::string& root, const std::string& initramfs = "initramfs");

/// Writes an SLES 11 SP4 root under `root`: SuSE-release, menu.lst (no grub.conf), the
/// kernel with mkinitrd's initrd-VERSION (`initrd`) and the /boot/vmlinuz and /boot/initrd
/// links YaST keeps to the newest.
void make_sle11_root(const std::string& root, const std::string& initrd = "initrd");

}  // namespace image_agent::testing

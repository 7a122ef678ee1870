#pragma once

// GRUB 2 (grub.cfg, grubenv), Boot Loader Specification entries and GRUB legacy
// (grub.conf, menu.lst: CentOS/RHEL 5-6, SLE 10-11): which kernel the guest boots by
// default, with which command line.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/root_fs.h"

namespace image_agent::guest {

/// One boot entry: a grub.cfg menuentry, a BLS entry (/boot/loader/entries/*.conf) or a
/// GRUB legacy `title` block.
struct BootEntry {
  std::string title;
  std::string id;      ///< $menuentry_id_option / --id, or the BLS file name without .conf
  std::string kernel;  ///< as written: "/boot/vmlinuz-6.1.0-13-amd64" or "/vmlinuz-..."
  std::vector<std::string> initrds;
  std::string args;     ///< the kernel command line after the image path
  std::string submenu;  ///< title of the enclosing submenu, "" at top level
  int top_index = 0;    ///< position among top-level items (a submenu counts as one)
  int sub_index = 0;    ///< position inside its submenu
};

/// What grub.cfg says: its entries in order, the `set default=` value (ignoring the
/// next_entry one-shot) and whether it loads BLS entries (`blscfg`).
struct GrubConfig {
  std::vector<BootEntry> entries;
  std::string default_entry;
  bool blscfg = false;
};

GrubConfig parse_grub_cfg(std::string_view text);

/// A BLS entry file (title, version, linux, initrd, options); `id` is the file name stem.
BootEntry parse_bls_entry(std::string_view text, std::string id);

/// "saved_entry" etc. from a grubenv file (# comments, KEY=VALUE lines).
std::optional<std::string> grubenv_value(std::string_view text, std::string_view key);

/// What a GRUB legacy menu (grub.conf, menu.lst) says: its `title` entries in order, each
/// with its `kernel` (device prefix "(hd0,0)" removed, so "/vmlinuz-V" when /boot is a
/// partition of its own) and `initrd`, and the `default` value ("0", "saved"; "" when
/// unset, which boots entry 0).
struct GrubLegacyConfig {
  std::vector<BootEntry> entries;
  std::string default_entry;
};

GrubLegacyConfig parse_grub_legacy(std::string_view text);

/// The entry number GRUB legacy's `default saved` boots: the first line of
/// /boot/grub/default (grub-set-default, savedefault); "0" when it holds no number.
std::string grub_legacy_saved_entry(std::string_view text);

/// The entry GRUB boots by default: `default` is a number ("0", "1>2"), a title, an id
/// or "Submenu>Title". nullopt when it names nothing.
std::optional<BootEntry> select_entry(const std::vector<BootEntry>& entries, std::string_view default_entry);

/// The guest's boot loader configuration.
struct BootConfig {
  std::string config_path;          ///< "/boot/grub/grub.cfg"; "" when none exists
  bool legacy = false;              ///< config_path is GRUB legacy's (grub.conf, menu.lst)
  std::vector<BootEntry> entries;   ///< menu entries, then BLS entries when blscfg loads them
  std::optional<BootEntry> chosen;  ///< the default entry
};

/// Reads the first grub.cfg with entries (/boot/grub, /boot/grub2, then each vendor's under
/// /boot/efi/EFI), the grubenv beside it and the BLS entries it loads, and picks the
/// default entry. Without any grub.cfg, GRUB legacy's menu: /boot/grub/grub.conf (Red
/// Hat's name), /boot/grub/menu.lst (upstream's and SUSE's; a link to grub.conf on Red
/// Hat), then /boot/efi/EFI/*/grub.conf. Unreadable files count as absent.
BootConfig read_boot_config(const RootFs& fs);

/// "6.1.0-13-amd64" for ".../vmlinuz-6.1.0-13-amd64"; "" when the name has no version.
std::string kernel_version_of(std::string_view image_path);

}  // namespace image_agent::guest

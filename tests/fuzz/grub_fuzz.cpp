// The boot loader's configuration: grub.cfg (menu entries, submenus, `set default`), a
// BLS entry, grubenv, GRUB legacy's menu.lst, and the choice of the default entry.
#include "fuzz_input.h"
#include "guest/grub.h"

using namespace image_agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::text_of(data, size);
  guest::GrubConfig config = guest::parse_grub_cfg(text);
  guest::select_entry(config.entries, config.default_entry);
  if (std::optional<std::string> saved = guest::grubenv_value(text, "saved_entry"))
    guest::select_entry(config.entries, *saved);
  guest::BootEntry bls = guest::parse_bls_entry(text, "fuzz");
  guest::kernel_version_of(bls.kernel);
  guest::GrubLegacyConfig legacy = guest::parse_grub_legacy(text);
  guest::select_entry(legacy.entries, legacy.default_entry);
  guest::select_entry(legacy.entries, guest::grub_legacy_saved_entry(text));
  return 0;
}

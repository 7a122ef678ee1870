// encrypted: neither the root file system nor a data disk is on dm-crypt/LUKS: such images
// cannot be exported. Root from sysfs (a dm device beneath root whose uuid starts with
// "CRYPT-"), partitions of the system disk from libblkid (crypto_LUKS), data disks from
// /etc/crypttab. Source: seed 000 (export limits).
#include "platform/text.h"
#include "precheck/context.h"
#include "precheck/facts/disk_probe.h"
#include "precheck/facts/root_device.h"

namespace image_agent::precheck::checks {
namespace {

const char* const kRemediation =
    "Decrypt the volumes (or copy the data to unencrypted disks) before exporting.";

Verdict check(const ItemContext& context) {
  const RootDevice& root = root_device(context);
  for (const std::string& uuid : root.dm_uuids)
    if (uuid.starts_with("CRYPT-"))
      return problem(context, 1, "the root file system is on dm-crypt (" + root.name + ")", kRemediation,
                     {{"dm_uuid", uuid}});
  const DiskFacts& disk = disk_facts(context);
  for (const ProbedFs& fs : disk.layout.partitions)
    if (fs.type == "crypto_LUKS")
      return problem(
          context, 2,
          "partition " + std::to_string(fs.number) + " of " + disk.disk_path + " is LUKS-encrypted",
          kRemediation, {{"partition", std::to_string(fs.number)}});
  std::vector<Evidence> volumes;
  if (Result<std::string> crypttab = context.fs().read_file("/etc/crypttab")) {
    for (std::string_view line : lines(*crypttab)) {
      line = trim(line);
      if (line.empty() || line.front() == '#') continue;
      volumes.emplace_back("crypttab", std::string(line.substr(0, line.find_first_of(" \t"))));
    }
  }
  if (!volumes.empty()) {
    std::string comment = "/etc/crypttab sets up " + std::to_string(volumes.size()) + " encrypted volume(s)";
    return problem(context, 3, std::move(comment), kRemediation, std::move(volumes));
  }
  if (!root.available()) return skipped(root.unavailable);
  return ok("no encrypted volumes");
}

}  // namespace

extern const Item kEncryptedItem{
    "encrypted",       "",    3600, "root or a data disk on dm-crypt/LUKS (cannot be exported)", "seed 000",
    ItemKind::kDevice, &check};

}  // namespace image_agent::precheck::checks

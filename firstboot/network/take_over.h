#pragma once

// Taking over a stock DHCP profile. A stock install ships one for the very NIC os.conf
// names (anaconda's ifcfg-eth0, NetworkManager's "Wired connection 1", SUSE's ifcfg-eth0,
// the Debian installer's `iface eth0 inet dhcp`, cloud-init's 50-cloud-init.yaml). The
// seed's script overwrote it; refusing it left os.conf (and its password) on partition 1
// boot after boot. So firstboot takes it over, narrowly: only a plain Ethernet profile
// for an os.conf NIC (by device name, MAC or file name) that is DHCP or unconfigured —
// each format's plain_dhcp() in guest/ — never one with a static address, bond, bridge,
// VLAN, team or InfiniBand settings, or one that also configures another NIC. The file is
// set aside at guest::displaced_path() with its owner, mode and SELinux label, one
// journal entry says where, and sysprep's network-profiles operation puts it back.
#include <functional>
#include <string>

#include "firstboot/file_change.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

/// The changes that take over the user's file at `path`: a copy at
/// guest::displaced_path(path), then the removal of `path` unless `replaced_by_ours`
/// (the backend writes its own file, or an edited one, at that very path).
FileChanges take_over(const std::string& path, bool replaced_by_ours);

/// For a path the backend writes itself: nothing when the path is free or ours; a take-over
/// when the user's file there is a plain DHCP profile (`why_not_plain` of its text is "");
/// else the error naming it and why it is kept.
Result<FileChanges> claim_or_take_over(const RootFs& fs, const std::string& path,
                                       const std::function<std::string(const std::string&)>& why_not_plain);

/// Whether `changes` sets aside the file at `path` already.
bool takes_over(const FileChanges& changes, const std::string& path);

}  // namespace image_agent::firstboot

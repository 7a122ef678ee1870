#include "firstboot/cloud_init.h"

#include "firstboot/network/owned_files.h"
#include "guest/cloud_init.h"

namespace image_agent::firstboot {

std::string cloud_init_dropin(const std::string& group) {
  if (group == "network") {
    return owned_header() +
           "# firstboot writes this instance's network configuration from os.conf: cloud-init must\n"
           "# not render its own over it (from its datasource's metadata, or its DHCP fallback).\n"
           "# image-agent sysprep removes this file.\n"
           "network: {config: disabled}\n";
  }
  return owned_header() +
         "# firstboot sets the host name and its /etc/hosts line from os.conf: cloud-init must\n"
         "# keep both (set_hostname, update_hostname, update_etc_hosts).\n"
         "# image-agent sysprep removes this file.\n"
         "preserve_hostname: true\n"
         "manage_etc_hosts: false\n";
}

Result<FileChanges> plan_cloud_init_dropin(const RootFs& fs, const std::string& group) {
  const char* path = group == "network"    ? guest::kCloudInitNetworkDropIn
                     : group == "hostname" ? guest::kCloudInitHostnameDropIn
                                           : nullptr;
  if (path == nullptr || guest::find_cloud_init(fs).empty()) return FileChanges{};
  if (Result<void> ours = claim(fs, path,
                                "firstboot keeps cloud-init off the " + group +
                                    " settings with that file: give yours another name");
      !ours) {
    return ours.error();
  }
  return FileChanges{{FileChange::Kind::kWrite, path, cloud_init_dropin(group), 0644}};
}

}  // namespace image_agent::firstboot

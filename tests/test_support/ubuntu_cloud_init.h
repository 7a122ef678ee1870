// cloud-init as the Ubuntu 22.04 cloud image (jammy-server-cloudimg) carries it, for
// fixture roots. Where the shapes come from:
// - /etc/cloud/cloud.cfg: cloud-init's config/cloud.cfg.tmpl rendered for the ubuntu
//   variant (jammy ships 22.x-23.x): `preserve_hostname: false`, the hostname modules
//   (set_hostname, update_hostname, update_etc_hosts) in cloud_init_modules, no
//   datasource_list, `network` only under system_info. Abridged: the config and final
//   module lists, the default user and the package mirrors are shortened.
// - cloud.cfg.d/05_logging.cfg: cloud-init's config/cloud.cfg.d/05_logging.cfg (head
//   only: its anchors and aliases are what trips YAML parsers).
// - cloud.cfg.d/90_dpkg.cfg: written by the package's debconf question (Ubuntu's
//   debian/cloud-init.templates), one flow list, AliYun among the sources.
// - cloud.cfg.d/README: the package's.
// - the four stage units, WantedBy=cloud-init.target and enabled there, as the package's
//   postinst leaves them; the program in /usr/bin.
#pragma once

#include <filesystem>
#include <string>

#include "test_support/temp_dir.h"

namespace image_agent::testing {

inline constexpr const char* kUbuntu2204CloudCfg = R"(# The top level settings are used as module
# and base configuration.

# A set of users which may be applied and/or used by various modules
# when a 'default' entry is found it will reference the 'default_user'
# from the distro configuration specified below
users:
  - default

# If this is set, 'root' will not be able to ssh in and they
# will get a message to login instead as the default $user
disable_root: true

# This will cause the set+update hostname module to not operate (if true)
preserve_hostname: false

# If you use datasource_list array, keep array items in a single line.
# If you use multi line array, ds-identify script won't read array items.
# Example datasource config
# datasource:
#   Ec2:
#     metadata_urls: [ 'blah.com' ]
#     timeout: 5 # (defaults to 50 seconds)
#     max_wait: 10 # (defaults to 120 seconds)

# The modules that run in the 'init' stage
cloud_init_modules:
  - migrator
  - seed_random
  - bootcmd
  - write-files
  - growpart
  - resizefs
  - disk_setup
  - mounts
  - set_hostname
  - update_hostname
  - update_etc_hosts
  - ca-certs
  - rsyslog
  - users-groups
  - ssh

# The modules that run in the 'config' stage
cloud_config_modules:
  - snap
  - ssh-import-id
  - locale
  - set-passwords
  - grub-dpkg
  - apt-configure
  - ntp
  - timezone
  - runcmd

# The modules that run in the 'final' stage
cloud_final_modules:
  - package-update-upgrade-install
  - scripts-per-once
  - scripts-per-boot
  - scripts-per-instance
  - scripts-user
  - ssh-authkey-fingerprints
  - keys-to-console
  - final-message

# System and/or distro specific settings
# (not accessible to handlers/transforms)
system_info:
  # This will affect which distro class gets used
  distro: ubuntu
  # Default user name + that default users groups (if added/used)
  default_user:
    name: ubuntu
    lock_passwd: True
    gecos: Ubuntu
    groups: [adm, audio, cdrom, dialout, dip, floppy, lxd, netdev, plugdev, sudo, video]
    sudo: ["ALL=(ALL) NOPASSWD:ALL"]
    shell: /bin/bash
  network:
    renderers: ['netplan', 'eni', 'sysconfig']
  # Automatically discover the best ntp_client
  ntp_client: auto
  # Other config here will be given to the distro class and/or path classes
  paths:
    cloud_dir: /var/lib/cloud/
    templates_dir: /etc/cloud/templates/
  ssh_svcname: ssh
)";

inline constexpr const char* kUbuntu2204Logging = R"(## This yaml formated config file handles setting
## logger information.  The values that are necessary to be set
## are seen at the bottom.  The top '_log' are only used to remove
## redundency in a syslog and fallback-to-file case.
_log:
 - &log_base |
   [loggers]
   keys=root,cloudinit
   
   [handlers]
   keys=consoleHandler,cloudLogHandler
 - &log_file |
   [handler_cloudLogHandler]
   class=FileHandler
   level=DEBUG
   formatter=arg0Formatter
   args=('/var/log/cloud-init.log', 'a', 'UTF-8')

log_cfgs:
 - [ *log_base, *log_file ]

output: {all: '| tee -a /var/log/cloud-init-output.log'}
)";

inline constexpr const char* kUbuntu2204Dpkg =
    "# to update this file, run dpkg-reconfigure cloud-init\n"
    "datasource_list: [ NoCloud, ConfigDrive, OpenNebula, DigitalOcean, Azure, AltCloud, OVF, MAAS, GCE, "
    "OpenStack, CloudSigma, SmartOS, Bigstep, Scaleway, AliYun, Ec2, CloudStack, Hetzner, IBMCloud, Oracle, "
    "Exoscale, RbxCloud, UpCloud, VMware, Vultr, LXD, NWCS, None ]\n";

/// Writes cloud-init's files of the Ubuntu 22.04 cloud image under `root` (a host path).
inline void write_ubuntu_2204_cloud_init(const std::string& root) {
  write_file(root + "/usr/bin/cloud-init", "#!/usr/bin/python3\n", 0755);
  write_file(root + "/usr/lib/python3/dist-packages/cloudinit/version.py", "__VERSION__ = \"23.1.2\"\n");
  write_file(root + "/etc/cloud/cloud.cfg", kUbuntu2204CloudCfg);
  write_file(root + "/etc/cloud/cloud.cfg.d/05_logging.cfg", kUbuntu2204Logging);
  write_file(root + "/etc/cloud/cloud.cfg.d/90_dpkg.cfg", kUbuntu2204Dpkg);
  write_file(root + "/etc/cloud/cloud.cfg.d/README",
             "# All files with the '.cfg' extension in this directory will be read by\n"
             "# cloud-init. They are read in lexical order. Later files overwrite values in\n"
             "# earlier files.\n");
  std::filesystem::create_directories(root + "/etc/systemd/system/cloud-init.target.wants");
  for (const char* unit : {"cloud-init-local", "cloud-init", "cloud-config", "cloud-final"}) {
    const std::string file = std::string("/lib/systemd/system/") + unit + ".service";
    write_file(root + file,
               "[Unit]\nDescription=cloud-init stage\n\n[Install]\nWantedBy=cloud-init.target\n");
    std::filesystem::create_symlink(
        file, root + "/etc/systemd/system/cloud-init.target.wants/" + unit + ".service");
  }
  write_file(root + "/lib/systemd/system/cloud-init.target", "[Unit]\nDescription=Cloud-init target\n");
}

}  // namespace image_agent::testing

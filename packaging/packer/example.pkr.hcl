# Packer example: bake image-agent into a guest image, clean the guest, and refuse to
# publish an image that precheck says will not boot or cannot be configured.
#
#   packer init packaging/packer/example.pkr.hcl
#   packer build -var iso_url=... -var iso_checksum=... packaging/packer/example.pkr.hcl
#
# Build the packages first with `packaging/build-packages` (into build/packages/). The
# builder below is QEMU with a Debian or Ubuntu guest; any builder works, only the
# provisioners matter. For an rpm distribution install the .rpm with `rpm -Uvh` or
# `dnf install` instead.
#
# precheck is the newest command: its items are still being completed (`image-agent
# precheck --list` shows those it has); the pipeline below is already the intended one.

packer {
  required_plugins {
    qemu = {
      version = ">= 1.1.0"
      source  = "github.com/hashicorp/qemu"
    }
  }
}

variable "iso_url" {
  type        = string
  description = "installer or cloud image of the guest"
}

variable "iso_checksum" {
  type = string
}

variable "package_version" {
  type        = string
  default     = "0.1.0"
  description = "version of the image-agent package in build/packages/ (image-agent --version)"
}

variable "ssh_username" {
  type    = string
  default = "root"
}

variable "ssh_password" {
  type      = string
  sensitive = true
}

variable "precheck_profile" {
  type        = string
  default     = "aliyun-customized"
  description = "aliyun, aliyun-customized, oci, export or generic (image-agent(8))"
}

source "qemu" "guest" {
  iso_url          = var.iso_url
  iso_checksum     = var.iso_checksum
  disk_image       = true
  format           = "raw"
  disk_size        = "20G"
  accelerator      = "kvm"
  headless         = true
  ssh_username     = var.ssh_username
  ssh_password     = var.ssh_password
  ssh_timeout      = "20m"
  shutdown_command = "shutdown -P now"
  output_directory = "output-image"
  vm_name          = "guest.raw"
}

build {
  sources = ["source.qemu.guest"]

  # 1. Install the package: enables image-agent-firstboot.service, which applies the
  #    cloud's os.conf (host name, password, network, DNS) at the instance's first boot.
  provisioner "file" {
    source      = "build/packages/image-agent_${var.package_version}_amd64.deb"
    destination = "/tmp/image-agent.deb"
  }
  provisioner "shell" {
    inline = [
      "set -eu",
      "dpkg -i /tmp/image-agent.deb",
      "rm -f /tmp/image-agent.deb",
      "systemctl is-enabled image-agent-firstboot.service",
      "image-agent --version",
    ]
  }

  # ... your own provisioners (packages, configuration) go here ...

  # 2. Remove what must not be cloned into every instance: host keys (each instance makes
  #    its own at first boot, before sshd), machine-id, histories, credentials, logs, leases. Then
  # 3. the gate: precheck exit status 1 means at least one item FAILED (an instance would
  #    not boot or could not be configured): fail the build, so the image is not
  #    published. 0 is a pass; 2 (usage or policy error) fails the build too.
  # One provisioner, the last: after sysprep the guest has no SSH host keys, so no new
  # SSH connection could be opened, and nothing must be written to the guest any more
  # (the JSON report goes to the build log, not into the image).
  provisioner "shell" {
    inline_shebang = "/bin/sh"
    inline = [
      "set -u",
      "image-agent sysprep --dry-run && image-agent sysprep || exit 1",
      "report=$(image-agent precheck --profile ${var.precheck_profile} --json)",
      "status=$?",
      "printf '%s\\n' \"$report\"",
      "if [ \"$status\" -eq 1 ]; then echo 'precheck: FAILED items (see the report above): not publishing this image' >&2; exit 1; fi",
      "if [ \"$status\" -ne 0 ]; then echo \"precheck: exit status $status\" >&2; exit \"$status\"; fi",
    ]
  }
}

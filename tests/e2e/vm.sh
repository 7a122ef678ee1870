# Sourced by tests/e2e/check-boot: one qemu guest at a time, driven the way the cloud and
# its users drive an instance. The disk is a raw image file (MBR, or GPT for UEFI); os.conf
# is written into partition 1 while the VM is off, as the cloud does: with debugfs into
# ext2/3/4, with mtools into FAT (an EFI System Partition; no vfat driver needed here).
# State: VM_PID (qemu, a child of this shell), VM_PORT (loopback port forwarded to the
# guest's 10.0.2.15:22), VM_BOOTS (boots so far, names the serial logs), VM_ARTEFACTS,
# VM_PART_OFFSET and VM_ROOT_OFFSET (bytes: partition 1, the root's partition),
# VM_PART_FS (partition 1's file system type, as blkid names it), VM_BIOS (firmware
# image for qemu's -bios, e.g. OVMF for UEFI; empty: qemu's own BIOS), VM_DRIVES (more raw
# disk images, attached read-only as further virtio disks after the boot disk: e.g. a
# cloud-init NoCloud seed, tests/bench/boot-tcg).
# shellcheck shell=bash

VM_PID=
VM_PORT=
VM_BOOTS=0
VM_PART_OFFSET=
VM_ROOT_OFFSET=
VM_PART_FS=
VM_BIOS=
VM_DRIVES=()
readonly VM_SSH_TIMEOUT=${IMAGE_AGENT_E2E_SSH_TIMEOUT:-600}

# kvm only when the CPU has hardware virtualisation and /dev/kvm opens; TCG otherwise
# (a nested /dev/kvm without vmx/svm does not boot stock kernels).
vm_accel() {
  if grep -qwE 'vmx|svm' /proc/cpuinfo && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then echo kvm; else echo tcg; fi
}

# A loopback TCP port nothing listens on.
vm_free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    [ -z "$(ss -Htln "sport = :$port")" ] && { echo "$port"; return 0; }
  done
  return 1
}

# Where partition 1 and the root (partition ROOT_PARTITION) start on DISK.
vm_layout() { # DISK ROOT_PARTITION
  VM_PART_OFFSET=$(($(partx -g -n 1 -o START "$1") * 512))
  VM_ROOT_OFFSET=$(($(partx -g -n "$2" -o START "$1") * 512))
  VM_PART_FS=$(blkid -p -O "$VM_PART_OFFSET" -o value -s TYPE "$1")
}

# debugfs on the file system at OFFSET of DISK, without loop devices or mounts.
vm_debugfs() { # OFFSET DISK [-w] -R COMMAND
  local offset=$1 disk=$2
  shift 2
  debugfs "$@" "$disk?offset=$offset" 2>/dev/null
}
# mtools on the FAT at partition 1 of DISK (its geometry is mformat's, not a floppy's).
vm_mtools() { # COMMAND DISK ARGUMENT...
  local command=$1 disk=$2
  shift 2
  MTOOLS_SKIP_CHECK=1 "$command" -i "$disk@@$VM_PART_OFFSET" "$@"
}
vm_put_os_conf() { # DISK FILE: what the cloud does before the instance boots
  if [ "$VM_PART_FS" = vfat ]; then
    vm_mtools mcopy "$1" -o "$2" ::aliyun_custom_image/os.conf &&
      vm_mtools mtype "$1" ::aliyun_custom_image/os.conf | cmp -s - "$2"
    return
  fi
  vm_debugfs "$VM_PART_OFFSET" "$1" -w -R "rm aliyun_custom_image/os.conf" >/dev/null
  vm_debugfs "$VM_PART_OFFSET" "$1" -w -R "write $2 aliyun_custom_image/os.conf" >/dev/null
  vm_debugfs "$VM_PART_OFFSET" "$1" -R "cat aliyun_custom_image/os.conf" | cmp -s - "$2"
}
vm_has_os_conf() { # DISK
  if [ "$VM_PART_FS" = vfat ]; then
    vm_mtools mdir "$1" -b ::aliyun_custom_image/os.conf >/dev/null 2>&1
    return
  fi
  vm_debugfs "$VM_PART_OFFSET" "$1" -R "stat aliyun_custom_image/os.conf" | grep -q '^Inode:'
}
vm_has_file() { # DISK PATH: in the root file system
  vm_debugfs "$VM_ROOT_OFFSET" "$1" -R "stat $2" | grep -q '^Inode:'
}
vm_file_size() { # DISK PATH: in the root file system
  vm_debugfs "$VM_ROOT_OFFSET" "$1" -R "stat $2" | sed -n 's/.*Size: \([0-9]*\).*/\1/p' | head -n1
}

# Boots DISK with one virtio NIC per "MAC@NET" argument (NET: 10.0.N.0/24 of qemu's user
# network); the NIC on 10.0.2.0/24 gets the SSH port forward. The first argument is the
# first NIC on the PCI bus.
vm_start() { # DISK MAC@NET...
  local disk=$1
  shift
  VM_BOOTS=$((VM_BOOTS + 1))
  VM_PORT=$(vm_free_port) || { echo "no free loopback port" >&2; return 1; }
  local args=() i=0 spec mac net forward
  for spec in "$@"; do
    mac=${spec%@*}
    net=${spec#*@}
    forward=
    [ "$net" = 10.0.2.0/24 ] && forward=",hostfwd=tcp:127.0.0.1:$VM_PORT-10.0.2.15:22"
    args+=(-netdev "user,id=n$i,net=$net$forward" -device "virtio-net-pci,netdev=n$i,mac=$mac")
    i=$((i + 1))
  done
  local accel firmware=()
  accel=$(vm_accel)
  [ -z "$VM_BIOS" ] || firmware=(-bios "$VM_BIOS")
  local drive
  for drive in "${VM_DRIVES[@]}"; do args+=(-drive "file=$drive,format=raw,if=virtio,readonly=on"); done
  echo "boot $VM_BOOTS: qemu ($accel), SSH on 127.0.0.1:$VM_PORT, serial log $VM_ARTEFACTS/boot-$VM_BOOTS.serial.log"
  # --pdeathsig: should this shell be killed outright (ctest's timeout), qemu dies with it.
  setpriv --pdeathsig KILL -- qemu-system-x86_64 -accel "$accel" -m 1024 -smp 2 -no-reboot -display none -monitor none "${firmware[@]}" \
    -serial "file:$VM_ARTEFACTS/boot-$VM_BOOTS.serial.log" \
    -drive "file=$disk,format=raw,if=virtio,cache=unsafe" "${args[@]}" \
    >"$VM_ARTEFACTS/boot-$VM_BOOTS.qemu.log" 2>&1 &
  VM_PID=$!
}

# SSH as root with the password in SSHPASS (never on a command line). Exit status: the
# command's; 5 the password was refused; 255 no connection.
vm_ssh() {
  sshpass -e ssh -p "$VM_PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o PubkeyAuthentication=no -o PreferredAuthentications=password,keyboard-interactive \
    -o ConnectTimeout=20 -o ServerAliveInterval=10 -o LogLevel=ERROR \
    root@127.0.0.1 "$@"
}

# Waits until sshd answers with the password in SSHPASS. Fails at once when qemu exits or
# the password is refused (sshd is up, so firstboot has run: a refusal is final), and
# soon after the serial console shows the login prompt (the boot is over) without sshd.
vm_wait_ssh() {
  local start=$SECONDS rc='' err='' prompt_at=''
  local serial=$VM_ARTEFACTS/boot-$VM_BOOTS.serial.log
  while :; do
    kill -0 "$VM_PID" 2>/dev/null || { echo "qemu exited before SSH answered"; return 1; }
    if [ -z "$prompt_at" ] && grep -q ' login: ' "$serial" 2>/dev/null; then prompt_at=$SECONDS; fi
    if [ -n "$prompt_at" ] && [ $((SECONDS - prompt_at)) -ge 120 ]; then
      echo "the boot finished (login prompt) $((SECONDS - prompt_at)) s ago, SSH never answered (last: exit $rc, $err)"
      return 1
    fi
    err=$(vm_ssh true </dev/null 2>&1 >/dev/null)
    rc=$?
    [ "$rc" -eq 0 ] && { echo "boot $VM_BOOTS: SSH answered after $((SECONDS - start)) s"; return 0; }
    [ "$rc" -eq 5 ] && { echo "sshd refused the password after $((SECONDS - start)) s"; return 1; }
    [ $((SECONDS - start)) -ge "$VM_SSH_TIMEOUT" ] &&
      { echo "no SSH within $VM_SSH_TIMEOUT s (last: exit $rc, $err)"; return 1; }
    sleep 3
  done
}

# Powers the guest off from inside and waits for qemu to exit; kills it when it does not.
vm_poweroff() {
  [ -n "$VM_PID" ] || return 0
  # systemctl only where systemd is PID 1; sysvinit's poweroff asks init for runlevel 0.
  vm_ssh 'if [ -d /run/systemd/system ]; then systemctl poweroff; else poweroff; fi' </dev/null >/dev/null 2>&1
  local start=$SECONDS
  while kill -0 "$VM_PID" 2>/dev/null && [ $((SECONDS - start)) -lt 120 ]; do sleep 1; done
  vm_kill
}

vm_kill() {
  [ -n "$VM_PID" ] || return 0
  if kill -0 "$VM_PID" 2>/dev/null; then
    echo "qemu $VM_PID still running: killed"
    kill "$VM_PID" 2>/dev/null
    sleep 2
    kill -9 "$VM_PID" 2>/dev/null
  fi
  wait "$VM_PID" 2>/dev/null
  VM_PID=
}

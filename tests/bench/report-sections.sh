# shellcheck shell=bash
# shellcheck disable=SC2154,SC2016 # the variables are tests/bench/report's; the $N in single quotes are awk's
# tests/bench/report's sections: each prints its markdown on stdout and adds its rows to
# the targets table. Sourced; uses $src, $bench, $binary, $runs, $unit_runs, $boots, $work,
# $record, $log and the helpers of report-lib.sh.

skipped() { printf '\nSKIPPED: %s\n' "$*"; }

section_micro() {
  echo
  echo "### Microbenchmarks (Google Benchmark, dynamic Release build; medians of 3 repetitions)"
  echo
  echo '```'
  "$bench/run" 2>&1 | grep -E "^(BM_|Benchmark|-)" | grep -vE "_(mean|stddev|cv) "
  echo '```'
}

# The seed's VPC os.conf in cloud-init's network config v1 (the oracle's shape:
# tests/firstboot/network/semantics.cpp cloud_init_v1): the same NIC, address, gateway, DNS.
write_network_yaml() {
  cat >"$1" <<'EOF'
version: 1
config:
  - type: physical
    name: eth0
    mac_address: "00:8c:fa:5e:14:23"
    subnets:
      - type: static
        address: 10.171.254.123
        netmask: 255.255.255.0
        gateway: 10.171.254.1
        dns_nameservers: [7.7.7.7, 8.8.8.8]
EOF
}

section_firstboot() {
  echo
  echo "### firstboot offline, on one Debian 12 root, beside cloud-init and the seed's script"
  [ "$(id -u)" -eq 0 ] || { skipped "needs root (chroot, the root's owners)"; return; }
  local tarball
  if ! tarball=$("$src/tests/e2e/make-image" "$src" networkd --root-only 2>>"$log"); then
    skipped "no Debian root: tests/e2e/make-image . networkd --root-only failed (see its log)"
    return
  fi
  local root=$work/root os_conf=$src/tests/data/firstboot/network/osconf/vpc.conf
  mkdir -p "$root"
  tar -xpf "$tarball" -C "$root"
  # The stack as make-image enables it (the tarball has none enabled).
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin systemctl enable systemd-networkd.service >>"$log" 2>&1
  mkdir -p "$root/boot/aliyun_custom_image"
  cp -a "$root/etc" "$work/etc.plain"
  # The seed's script is written for CentOS: its copy of /etc gets the two files it edits
  # and a stand-in for the network service it stops and starts (nothing to restart in a
  # chroot). firstboot's copy has neither: they would make it see an ifcfg guest.
  cp -a "$root/etc" "$work/etc.seed"
  mkdir -p "$work/etc.seed/sysconfig/network-scripts"
  printf 'NETWORKING=yes\nHOSTNAME=localhost.localdomain\nGATEWAY=\n' >"$work/etc.seed/sysconfig/network"
  printf '#!/bin/sh\nexit 0\n' >"$work/etc.seed/init.d/network"
  chmod 0755 "$work/etc.seed/init.d/network"
  install -m 0755 "$bench/data/seed-os-conf-script" "$root/usr/local/sbin/seed-os-conf"
  write_network_yaml "$work/network.yaml"
  local cloud_init
  cloud_init=$(command -v cloud-init || true)

  restore_etc() {
    rm -rf "${root:?}/etc"
    cp -a "$1" "$root/etc"
  }
  put_os_conf() { install -m 0600 "$os_conf" "$root/boot/aliyun_custom_image/os.conf"; }
  local f=$work/fb i
  # One pass: each command once, in a fixed order (the rerun needs the apply before it).
  pass() {
    local suffix=$1
    restore_etc "$work/etc.plain"
    put_os_conf
    timed "$f.apply$suffix" "$binary" firstboot --root "$root"
    [ ! -e "$root/boot/aliyun_custom_image/os.conf" ] || die "firstboot --root did not apply os.conf (log: $log)"
    put_os_conf
    timed "$f.rerun$suffix" "$binary" firstboot --root "$root"
    timed "$f.noop$suffix" "$binary" firstboot --root "$root"
    if [ -n "$cloud_init" ]; then
      rm -rf "$work/netout"
      timed "$f.cloud$suffix" "$cloud_init" devel net-convert -p "$work/network.yaml" -k yaml -d "$work/netout" \
        -D debian -O networkd
    fi
    restore_etc "$work/etc.seed"
    put_os_conf
    # Its own UTS namespace: the script runs `hostname`, which must not rename this machine.
    timed "$f.seed$suffix" unshare --uts chroot "$root" /usr/local/sbin/seed-os-conf start
    [ -s "$root/etc/sysconfig/network-scripts/ifcfg-eth0" ] || die "the seed's script wrote no ifcfg-eth0 (log: $log)"
  }
  pass .warm-up
  for ((i = 1; i <= runs; i++)); do pass ""; done
  echo
  echo "The e2e networkd guest's root ($(basename "$tarball"), systemd-networkd enabled) on"
  echo "this machine's disk (/var/tmp: fsync is real); os.conf: tests/data/firstboot/network/osconf/vpc.conf."
  echo "$runs alternated passes after one warm-up: the five commands in turn, /etc restored before"
  echo "each first apply. The seed's script (tests/bench/data/seed-os-conf-script) runs by"
  echo "\`unshare --uts chroot ROOT\` on the same root with os.conf in /boot/aliyun_custom_image/, given the"
  echo "CentOS files it edits and a no-op \`/etc/init.d/network\`; cloud-init converts the same network"
  echo "(tests/bench/report: write_network_yaml) to networkd files (network only: no password, host name)."
  echo
  table_head "command"
  row "\`image-agent firstboot --root\`: first apply (all four groups)" "$f.apply"
  row "\`image-agent firstboot --root\`: rerun, same os.conf (writes nothing)" "$f.rerun"
  row "\`image-agent firstboot --root\`: no os.conf" "$f.noop"
  if [ -n "$cloud_init" ]; then
    row "\`cloud-init devel net-convert\` ($("$cloud_init" --version 2>&1 | awk '{print $NF}')), the network only" "$f.cloud"
  fi
  row "the seed's script, chroot (all four groups, CentOS files)" "$f.seed"
  echo
  local cloud_ratio=
  if [ -n "$cloud_init" ]; then
    cloud_ratio=$(ratio "$f.cloud" "$f.apply" '$1')
    echo "Ratios (median of the pairs): cloud-init net-convert / firstboot first apply: wall ${cloud_ratio}×,"
    echo "CPU $(ratio "$f.cloud" "$f.apply" '$2 + $3')×, peak RSS $(ratio "$f.cloud" "$f.apply" '$4')×;"
  else
    echo "cloud-init: SKIPPED (not installed: packaging/install-deps installs it)."
  fi
  echo "the seed's script / firstboot first apply: wall $(ratio "$f.seed" "$f.apply" '$1')×, CPU $(ratio "$f.seed" "$f.apply" '$2 + $3')×."
  target "peak RSS, firstboot first apply" "$(mib "$(median_of "$f.apply" '$4')")" 8 MiB
  target "peak RSS, firstboot rerun" "$(mib "$(median_of "$f.rerun" '$4')")" 8 MiB
  target "peak RSS, firstboot no os.conf" "$(mib "$(median_of "$f.noop" '$4')")" 8 MiB
  target_at_least "below cloud-init, offline stand-in: net-convert wall / firstboot apply wall" "$cloud_ratio" 50
}

# The ids of the profile's items (those not off).
profile_items() { "$binary" precheck --list | awk '$2 != "off" {print $1}'; }

# LABEL FILE_PREFIX ARGS...: each item alone (--only), 3 runs; the five slowest, against
# the cheapest (what every run pays: start, the header's facts, the report).
slowest_items() {
  local label=$1 prefix=$2 id i
  shift 2
  for id in $(profile_items); do
    for i in 1 2 3; do timed "$prefix.$id" "$binary" precheck --json --only "$id" "$@"; done
  done
  local floor
  floor=$(for id in $(profile_items); do median_of "$prefix.$id" '$1'; done | sort -g | head -1)
  echo
  echo "Slowest items, $label (each alone: \`--only ID\`, median of 3 whole runs; the cheapest item's"
  echo "run, $(ms "$floor") ms, is what any run pays: start, the header's facts, the report):"
  echo
  echo "| item | wall with --only, ms | minus the cheapest, ms | CPU, ms | peak RSS, MiB |"
  echo "|---|---|---|---|---|"
  for id in $(profile_items); do
    echo "$(median_of "$prefix.$id" '$1') $id"
  done | sort -gr | head -5 | while read -r wall id; do
    echo "| $id | $(ms "$wall") | $(ms "$(awk -v a="$wall" -v b="$floor" 'BEGIN {print a - b}')") | $(ms "$(median_of "$prefix.$id" '$2 + $3')") | $(mib "$(median_of "$prefix.$id" '$4')") |"
  done
}

section_precheck() {
  echo
  echo "### precheck: live on this machine, and --root on a loop-mounted image"
  local f=$work/pc i image='' mnt=$work/image
  if [ "$(id -u)" -eq 0 ]; then
    image=$(find /var/cache/image-agent/e2e-image -maxdepth 1 -name 'bookworm-networkd-root1-*-*.img' \
      -printf '%T@ %p\n' 2>/dev/null | sort -gr | head -1 | cut -d' ' -f2-)
  fi
  if [ -n "$image" ]; then
    local loop
    attach_image "$image"
    loop=$attached
    mkdir -p "$mnt"
    # noload: a read-only device cannot replay the journal.
    mount -o ro,noload "${loop}p1" "$mnt" 2>>"$log" || mount -o ro "${loop}p1" "$mnt"
    mounted+=("$mnt")
  fi
  timed "$f.warm-up" "$binary" precheck --json
  [ -z "$image" ] || timed "$f.warm-up" "$binary" precheck --json --root "$mnt"
  for ((i = 1; i <= runs; i++)); do
    timed "$f.live" "$binary" precheck --json
    [ -z "$image" ] || timed "$f.image" "$binary" precheck --json --root "$mnt"
  done
  echo
  echo "\`image-agent precheck --json\` (profile aliyun, $(profile_items | wc -l) items), $runs alternated runs after a"
  echo "warm-up each. Exit 1 is a FAILED item (this machine is no guest image), not an error."
  if [ -n "$image" ]; then
    echo "The image: $(basename "$image") (tests/e2e/make-image . networkd DEB),"
    echo "attached read-only (losetup -r, partx -a) and its root partition 1 mounted read-only; the"
    echo "page cache is warm after the warm-up run (as on a second look at the same image)."
  fi
  echo
  table_head "command"
  row "precheck --json, live" "$f.live"
  if [ -n "$image" ]; then
    row "precheck --json --root (loop-mounted image)" "$f.image"
  fi
  local live_wall image_wall=
  live_wall=$(ms "$(median_of "$f.live" '$1')")
  target "precheck live, wall" "$live_wall" 50 ms
  target "peak RSS, precheck live" "$(mib "$(median_of "$f.live" '$4')")" 8 MiB
  if [ -n "$image" ]; then
    image_wall=$(ms "$(median_of "$f.image" '$1')")
    target "precheck --root on a loop-mounted image, wall" "$image_wall" 200 ms
    target "peak RSS, precheck --root" "$(mib "$(median_of "$f.image" '$4')")" 8 MiB
  else
    skipped "the image part: needs root and a cached networkd image (tests/e2e/make-image . networkd DEB)"
    target "precheck --root on a loop-mounted image, wall" "" 200 ms
  fi
  slowest_items "live" "$f.item-live"
  [ -z "$image" ] || slowest_items "on the image" "$f.item-image" --root "$mnt"
}

section_unit() {
  echo
  echo "### The firstboot unit natively (systemd-nspawn --boot; tests/bench/unit-native)"
  local rc=0
  "$bench/unit-native" --runs "$unit_runs" --binary "$binary" >"$work/unit.out" 2>>"$log" || rc=$?
  if [ "$rc" = 77 ]; then
    skipped "$(grep '^unit-native:' "$log" | tail -1)"
    target "firstboot unit natively, no os.conf" "" 15 ms
    target "firstboot unit natively, all four groups" "" 40 ms
    return
  fi
  [ "$rc" = 0 ] || die "tests/bench/unit-native failed ($rc; log: $log)"
  echo
  echo "The unit as shipped, with its full sandbox; $unit_runs boots per case (the guest's first boot"
  echo "not counted). UNIT-NATIVE.md explains the columns and what a container cannot show."
  echo
  grep -E '^\|' "$work/unit.out"
  echo
  grep -E 'boots per row' "$work/unit.out"
  local noop apply
  noop=$(awk -F'|' '$2 ~ /noop/ && $3 ~ /shipped/ {split($4, v, " "); print v[1]}' "$work/unit.out")
  apply=$(awk -F'|' '$2 ~ /apply/ && $3 ~ /shipped/ {split($4, v, " "); print v[1]}' "$work/unit.out")
  target "firstboot unit natively, no os.conf (ExecMainStart→Exit)" "$noop" 15 ms
  target "firstboot unit natively, all four groups (ExecMainStart→Exit)" "$apply" 40 ms
}

section_tcg() {
  echo
  echo "### The firstboot unit under TCG (qemu without KVM)"
  echo
  if [ -x "$bench/boot-tcg" ] && [ "$boots" = 1 ]; then
    local rc=0 keep=()
    # With --record, its table also goes where the next run without --boots finds it.
    [ "$record" = 0 ] || keep=(--record "$bench/BOOT-TCG.md")
    "$bench/boot-tcg" --binary "$binary" "${keep[@]}" >"$work/tcg.out" 2>>"$log" || rc=$?
    if [ "$rc" = 77 ]; then
      skipped "tests/bench/boot-tcg: $(tail -1 "$log")"
    elif [ "$rc" != 0 ]; then
      die "tests/bench/boot-tcg failed ($rc; log: $log)"
    else
      echo "Measured now by \`tests/bench/boot-tcg\`:"
      echo
      cat "$work/tcg.out"
    fi
  elif [ -f "$bench/BOOT-TCG.md" ]; then
    local when
    when=$(git -C "$src" log -1 --format='%cs, commit %h' -- tests/bench/BOOT-TCG.md 2>/dev/null || true)
    echo "Not measured by this run ($([ -x "$bench/boot-tcg" ] && echo 'give --boots to boot' || echo 'no tests/bench/boot-tcg here')):"
    echo "the last table recorded in tests/bench/BOOT-TCG.md (${when:-not committed yet}):"
    echo
    # The last table of the file, and the "Recorded" line before it, if any.
    awk '/^Recorded/ {rec = $0} /^\|/ {if (!intable) {t = ""; r = rec}; intable = 1; t = t $0 "\n"; next} {intable = 0}
      END {if (r != "") print r "\n"; printf "%s", t}' "$bench/BOOT-TCG.md"
  else
    skipped "no TCG figures: tests/bench/boot-tcg is not in this tree and tests/bench/BOOT-TCG.md was never recorded (the e2e boots' figures are under \"Real boots\" below)"
  fi
  targets+=("| firstboot unit under TCG, no os.conf | ≤ 300 ms | see the TCG section | not judged here |")
}

section_size() {
  echo
  echo "### The static release binary"
  local stripped=$binary unstripped=$binary.unstripped
  [ -f "$unstripped" ] || { skipped "no $unstripped (the release build keeps it beside the binary)"; return; }
  local size
  size=$(stat -c %s "$stripped")
  echo
  echo "build/release/agent/image-agent: $size bytes ($(awk -v s="$size" 'BEGIN {printf "%.2f", s / 1048576}') MiB) stripped, of a 3 MiB budget."
  targets+=("| static binary size | ≤ 3 MiB (README's budget) | $(awk -v s="$size" 'BEGIN {printf "%.2f", s / 1048576}') MiB | $(awk -v s="$size" 'BEGIN {if (s <= 3145728) printf "met"; else printf "**missed** by %d bytes", s - 3145728}') |")
  # Who contributes: the release link again, with a map (the same objects and flags).
  local cmd
  cmd=$(ninja -C "$src/build/release" -t commands agent/image-agent | tail -1 |
    sed -E 's/^: && //; s/ && cd .*$//; s/ && :$//')
  if [ -z "$cmd" ] || ! (cd "$src/build/release" &&
    eval "${cmd/ -o agent\/image-agent / -o $work/image-agent.mapped -Wl,-Map=$work/image-agent.map }" >>"$log" 2>&1); then
    skipped "relinking with a map failed (log: $log)"
    return
  fi
  echo
  echo "Its largest contributors, from a map of the same link (\`-Wl,-Map\`): the bytes of the"
  echo "allocated sections each library's objects put in (code, read-only data, unwind tables,"
  echo "data); \"our code (LTO)\" is what link-time optimisation compiled: ours, with the header-only"
  echo "Boost (Asio, JSON) and the std templates it instantiates; its split by namespace follows."
  echo
  echo "| from | bytes | share |"
  echo "|---|---|---|"
  awk -f "$bench/map-by-library.awk" "$work/image-agent.map" | sort -gr >"$work/by-library"
  # What no one input section holds: gold merges every library's unwind tables (.eh_frame),
  # strings and constants into sections of its own; and the headers, padding.
  echo "$((size - $(awk '{s += $1} END {print s}' "$work/by-library"))) merged by the linker: every library's unwind tables, strings and constants; headers" >>"$work/by-library"
  awk -v total="$size" '{b = $1; $1 = ""; printf "|%s | %d | %.0f%% |\n", $0, b, 100 * b / total}' "$work/by-library"
  echo
  echo "Symbols of the unstripped binary by namespace (\`nm -S -C\`; code and data with a size):"
  echo
  echo "| namespace | bytes |"
  echo "|---|---|"
  nm -S -C --size-sort "$unstripped" | awk -f "$bench/nm-by-namespace.awk" | sort -gr |
    awk '{b = $1; $1 = ""; printf "|%s | %d |\n", $0, b}'
}

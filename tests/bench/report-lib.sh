# shellcheck shell=bash
# shellcheck disable=SC2154,SC2016 # the variables are tests/bench/report's; the $N in single quotes are awk's
# tests/bench/report's helpers: timing whole processes, their statistics, the clean-up.
# Sourced; uses $measure, $work and $log from tests/bench/report.

mounted=()
attached=
loops=()
nodes=()
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  set +e
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}"; done
  for i in "${loops[@]}"; do
    partx -d "$i" 2>/dev/null
    losetup -d "$i"
  done
  for i in "${nodes[@]}"; do rm -f "$i"; done
  rm -rf "$work"
}

# FILE COMMAND...: one run of COMMAND, its cost appended to FILE (measure_run's line:
# wall µs, user µs, sys µs, peak RSS KiB, exit status); its output into the log.
timed() {
  local file=$1
  shift
  "$measure" "$file" "$@" >>"$log" 2>&1 </dev/null
}

# The median of the numbers on stdin, one a line.
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# FILE AWK_EXPR: the median of AWK_EXPR over FILE's lines.
median_of() { awk "{print $2}" "$1" | median; }
ms() { awk -v us="$1" 'BEGIN {printf "%.1f", us / 1000}'; }
mib() { awk -v kib="$1" 'BEGIN {printf "%.1f", kib / 1024}'; }

# LABEL FILE: one table row: wall median (min–max), CPU user+sys, peak RSS, exit statuses.
row() {
  local wall cpu rss lo hi codes
  wall=$(median_of "$2" '$1')
  cpu=$(median_of "$2" '$2 + $3')
  rss=$(median_of "$2" '$4')
  lo=$(awk '{print $1}' "$2" | sort -g | head -1)
  hi=$(awk '{print $1}' "$2" | sort -g | tail -1)
  codes=$(awk '{print $5}' "$2" | sort -u | paste -sd/)
  echo "| $1 | $(ms "$wall") ($(ms "$lo")–$(ms "$hi")) | $(ms "$cpu") | $(mib "$rss") | $codes |"
}
table_head() {
  echo "| $1 | wall, ms: median (min–max) | CPU user+sys, ms | peak RSS, MiB | exit |"
  echo "|---|---|---|---|---|"
}
# A B AWK_EXPR: the median over the run pairs of A's figure divided by B's (the runs
# alternate, so each pair saw the same machine).
ratio() {
  paste -d' ' "$1" "$2" | awk "{a = \$0; split(a, f, \" \"); \$0 = f[1] \" \" f[2] \" \" f[3] \" \" f[4]; x = $3; \$0 = f[6] \" \" f[7] \" \" f[8] \" \" f[9]; y = $3; if (y > 0) print x / y}" |
    median | awk '{printf "%.0f", $1}'
}

# NAME FIGURE LIMIT UNIT: one row of the targets table; FIGURE and LIMIT numbers in UNIT
# (a figure of "" is SKIPPED).
target() {
  local name=$1 figure=$2 limit=$3 unit=$4 verdict
  if [ -z "$figure" ]; then
    verdict="not measured (SKIPPED above)"
  else
    verdict=$(awk -v f="$figure" -v l="$limit" -v u="$unit" 'BEGIN {
      if (f <= l) printf "met"; else printf "**missed** by %.1f %s (%.1f×)", f - l, u, f / l }')
  fi
  targets+=("| $name | ≤ $limit $unit | ${figure:+$figure $unit} | $verdict |")
}
# The same for a ratio that must be at least LIMIT.
target_at_least() {
  local name=$1 figure=$2 limit=$3 verdict
  if [ -z "$figure" ]; then
    verdict="not measured (SKIPPED above)"
  else
    verdict=$(awk -v f="$figure" -v l="$limit" 'BEGIN {if (f >= l) printf "met"; else printf "**missed** by %.0f×", l - f}')
  fi
  targets+=("| $name | ≥ $limit× | ${figure:+$figure×} | $verdict |")
}
targets_table() {
  echo
  echo "### Against the issue's targets"
  echo
  echo "| target | limit | measured (median) | |"
  echo "|---|---|---|---|"
  printf '%s\n' "${targets[@]}"
}

# A loop device over IMAGE (read-only) with its partitions, in $attached. Not a function
# to call in $(...): the clean-up must learn of the device (and of the nodes it made), so
# it sets a variable in this shell. This host runs no udev; devtmpfs makes the partition
# nodes, and where it does not, they are made here (and removed again).
attach_image() {
  local loop n node major minor
  loop=$(losetup -r --find --show "$1")
  loops+=("$loop")
  partx -a "$loop" 2>/dev/null || true
  for n in $(partx -g -o NR "$loop"); do
    node=${loop}p$n
    if [ ! -b "$node" ]; then
      IFS=: read -r major minor <"/sys/class/block/$(basename "$node")/dev"
      mknod "$node" b "$major" "$minor"
      nodes+=("$node")
    fi
  done
  # shellcheck disable=SC2034 # read by the caller (report-sections.sh)
  attached=$loop
}

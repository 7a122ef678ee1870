# shellcheck shell=sh disable=SC2154 # `me` is the caller's
# Debian source packages for the static builds, shared by packaging/build-libsystemd and
# packaging/build-decompressors (sourced; POSIX sh; the caller sets `me` to its name).
#
# Why every version: the newest source version apt knows is often a security update whose
# files the mirror does not (yet, or any longer) serve (a 404), while an older version of
# the same package downloads fine. So the callers try each version, newest first, and take
# the first that downloads and builds; when none does, they list what each attempt said.
#
# apt is asked with its own configuration, so APT_CONFIG (a private sources list and
# state, as tests/packaging/check-source-fallback uses) is honoured throughout.

# Adds deb-src entries for the mirrors apt already uses, once, unless apt has some already.
ensure_deb_src() {
  # shellcheck disable=SC2016 # apt's own $(FIELD) syntax, not the shell's
  if apt-get indextargets --format '$(CREATED_BY)' 2>/dev/null | grep -qx Sources; then
    return 0
  fi
  if [ -n "${APT_CONFIG:-}" ]; then
    echo "$me: the apt configuration $APT_CONFIG has no deb-src entries" >&2
    return 1
  fi
  src_list=/etc/apt/sources.list.d/image-agent-deb-src.sources
  {
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -e "$f" ] || continue
      [ "$f" = "$src_list" ] && continue
      sed -n '/^Types:/s/^Types:.*/Types: deb-src/p; /^\(URIs\|Suites\|Components\|Signed-By\):/p; /^$/p' "$f"
      echo
    done
  } >"$src_list.tmp"
  mv "$src_list.tmp" "$src_list"
  if [ -s /etc/apt/sources.list ] && grep -q '^deb ' /etc/apt/sources.list; then
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >/etc/apt/sources.list.d/image-agent-deb-src.list
  fi
  echo "$me: added deb-src entries for apt's mirrors; apt-get update"
  apt_log=$(mktemp)
  if ! apt-get update -qq >"$apt_log" 2>&1; then
    echo "$me: apt-get update failed:" >&2
    tail -n 20 "$apt_log" >&2
    rm -f "$apt_log"
    return 1
  fi
  rm -f "$apt_log"
}

# Prints every source version of source package $1 that apt knows, newest first (dpkg's
# order, which sort -V does not follow for ~ and +).
source_versions() {
  apt-cache showsrc --only-source "$1" 2>/dev/null | sed -n 's/^Version: //p' | sort -u |
    newest_first
}

# Sorts the versions on stdin, newest first, by dpkg --compare-versions.
newest_first() {
  sorted=
  while read -r candidate; do
    [ -n "$candidate" ] || continue
    merged=
    placed=
    for known in $sorted; do
      if [ -z "$placed" ] && dpkg --compare-versions "$candidate" gt "$known"; then
        merged="$merged $candidate"
        placed=1
      fi
      merged="$merged $known"
    done
    [ -n "$placed" ] || merged="$merged $candidate"
    sorted=$merged
  done
  for known in $sorted; do echo "$known"; done
}

# Downloads and unpacks source package $1 at version $2 into directory $3, which must be
# empty, and sets `unpacked` to the source directory; on failure sets `why` to apt's own
# error. (Not printed: a command substitution would lose `why`.)
fetch_source() {
  # apt downloads as its _apt user: it must reach the (mktemp, mode 0700) directory.
  chmod 0755 "$3" "$(dirname "$3")"
  fetch_log=$3/apt-get-source.log
  if ! (cd "$3" && apt-get source -q "$1=$2") >"$fetch_log" 2>&1; then
    why=$(grep '^E: ' "$fetch_log" | grep -v 'Failed to fetch some archives' | head -n 3)
    [ -n "$why" ] || why=$(tail -n 3 "$fetch_log")
    return 1
  fi
  unpacked=$(find "$3" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  if [ -z "$unpacked" ]; then
    why="apt-get source downloaded $1 $2 but nothing was unpacked"
    return 1
  fi
}

# Calls the function $2 with each version of source package $1, newest first, until one
# returns 0; that function sets `why` when it fails. Afterwards `chosen` is the version
# that worked and `tried` lists each version that did not, with why. Returns 1 when none
# worked (or apt knows no version: `tried` says so).
try_versions() {
  chosen=
  tried=
  versions=$(source_versions "$1")
  if [ -z "$versions" ]; then
    tried="  (apt knows no source version of $1: are deb-src entries configured and updated?)"
    return 1
  fi
  for version in $versions; do
    why=
    if "$2" "$version"; then
      # shellcheck disable=SC2034 # read by the caller
      chosen=$version
      return 0
    fi
    tried="$tried
  $1 $version: $(printf '%s' "$why" | sed '2,$s/^/    /')"
  done
  return 1
}

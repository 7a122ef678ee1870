# Sums a gold or GNU ld link map (-Wl,-Map) by where each input section came from: prints
# "BYTES LIBRARY" per library, for the sections that take room in the file (no .bss, no
# debugging or comment sections). Used by tests/bench/report.
function owner(path, archive) {
  if (path ~ /ltrans[0-9]*\.ltrans\.o$/) return "our code (LTO)"
  if (match(path, /[^\/]+\.a\(/)) {
    archive = substr(path, RSTART, RLENGTH - 1)
    if (archive ~ /^libimage_agent/) return "our code (not LTO)"
    if (archive ~ /^lib(c|m|m-[0-9.]+|pthread|rt|dl|resolv)\.a$/) return "glibc"
    if (archive ~ /^libgcc(_eh)?\.a$/) return "libgcc"
    return archive
  }
  if (path ~ /crt[^\/]*\.o$/) return "glibc"
  return "our code (not LTO)"
}
/^Memory map/ || /^Linker script and memory map/ { inmap = 1; next }
!inmap { next }
/^\./ { split($0, f, " "); section = f[1]; pending = "" }
{
  if (section ~ /^\.(bss|tbss|debug|comment|stab|note\.gnu\.gold|gnu\.warning)/) next
  n = split($0, t, " ")
  # " .name 0xADDR 0xSIZE FILE", or " .name" alone with "0xADDR 0xSIZE FILE" on the next line.
  if ($0 ~ /^ \./ && n >= 4 && t[2] ~ /^0x/ && t[3] ~ /^0x/) { add(t[3], t[4]); next }
  if ($0 ~ /^ +0x/ && n >= 3 && t[2] ~ /^0x[0-9a-f]+$/ && t[3] ~ /(\.o|\.a\(.*\))$/) { add(t[2], t[3]) }
}
# mawk has no strtonum.
function hex(s, i, v) {
  v = 0
  for (i = 3; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
  return v
}
function add(size, path) { bytes[owner(path)] += hex(size) }
END { for (o in bytes) print bytes[o], o }

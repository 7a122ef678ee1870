# Sums `nm -S -C` output ("ADDR SIZE TYPE NAME") by the first namespace a symbol's name
# names (image_agent, boost, YAML, std, ...): prints "BYTES NAMESPACE". Symbols without
# one are C (glibc, libcrypt, libblkid, libsystemd, zlib, ...). .bss symbols (type B/b)
# take no room in the file and are left out. Used by tests/bench/report.
NF >= 4 && $3 !~ /^[Bb]$/ {
  name = $0
  sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", name)
  group = "C (no namespace)"
  best = 0
  n = split("image_agent boost YAML std __gnu_cxx __cxxabiv1", spaces, " ")
  for (i = 1; i <= n; i++) {
    at = index(name, spaces[i] "::")
    if (at > 0 && (best == 0 || at < best)) { best = at; group = spaces[i] }
  }
  if (group == "C (no namespace)" && name ~ /^(typeinfo|vtable|VTT|guard variable|construction vtable)/) group = "other C++ (typeinfo, vtables)"
  bytes[group] += hex($2)
}
function hex(s, i, v) {
  v = 0
  s = tolower(s)
  for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
  return v
}
END { for (g in bytes) print bytes[g], g }

// Linked into the static image-agent only. libsystemd.a's user-util and socket-util refer
// to getpwnam, getgrgid, getaddrinfo & co.; glibc's static versions of these drag in the
// whole NSS machinery (nsswitch, dlopen of libnss_*, the DNS resolver: ~150 KB) and would
// need the host's shared NSS modules at run time. image-agent never resolves users or
// hosts that way (it reads the guest's /etc/passwd itself), so these definitions take
// their place and refuse: the paths in libsystemd that call them are never taken
// (sd_journal_sendv, sd_notify), and if one ever were, it fails instead of loading code.
#include <errno.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>

extern "C" {

passwd* getpwnam(const char*) {
  errno = ENOENT;
  return nullptr;
}
passwd* getpwuid(uid_t) {
  errno = ENOENT;
  return nullptr;
}
int getpwnam_r(const char*, passwd*, char*, size_t, passwd** result) {
  *result = nullptr;
  return ENOENT;
}
int getpwuid_r(uid_t, passwd*, char*, size_t, passwd** result) {
  *result = nullptr;
  return ENOENT;
}
group* getgrnam(const char*) {
  errno = ENOENT;
  return nullptr;
}
group* getgrgid(gid_t) {
  errno = ENOENT;
  return nullptr;
}
int getgrnam_r(const char*, group*, char*, size_t, group** result) {
  *result = nullptr;
  return ENOENT;
}
int getgrgid_r(gid_t, group*, char*, size_t, group** result) {
  *result = nullptr;
  return ENOENT;
}
int getaddrinfo(const char*, const char*, const addrinfo*, addrinfo** result) {
  *result = nullptr;
  return EAI_FAIL;
}
void freeaddrinfo(addrinfo*) {}
int getnameinfo(const sockaddr*, socklen_t, char*, socklen_t, char*, socklen_t, int) {
  return EAI_FAIL;
}

}  // extern "C"

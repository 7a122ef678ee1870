#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firstboot/secret.h"
#include "firstboot/settings.h"

namespace image_agent::firstboot {

// Pure validators for os.conf values. Each returns the parsed value, or nullopt/false
// with `why` set to a message fit for a user ("netmask 255.0.255.0 is not contiguous").

/// RFC 1123 host name: labels of letters, digits and '-', not starting or ending with
/// '-', 1..63 characters each, dots between labels, at most 64 characters in all
/// (the kernel's HOST_NAME_MAX).
bool valid_hostname(std::string_view name, std::string* why);

/// Dotted-quad IPv4 without leading zeros ("010.1.1.1" is ambiguous: octal to inet_aton).
std::optional<uint32_t> parse_ipv4(std::string_view text, std::string* why);
std::string format_ipv4(uint32_t address);

/// The prefix length of a contiguous netmask ("255.255.255.0" -> 24).
std::optional<int> netmask_prefix(std::string_view netmask, std::string* why);
uint32_t prefix_mask(int prefix);

/// A unicast host address: not in 0.0.0.0/8 ("this network"), 127.0.0.0/8 (loopback),
/// 224.0.0.0/4 (multicast) or 240.0.0.0/4 (reserved, with 255.255.255.255, the limited
/// broadcast). `why` names the rule and the address. For NIC addresses and gateways.
bool unicast_host(uint32_t address, std::string* why);

/// `address` is not the network or broadcast address of the subnet of `nic_address` /
/// `prefix`. A /31 or /32 has neither (RFC 3021): every address in it is a host.
/// Addresses outside the subnet pass (whether they are reachable is another rule).
bool host_of_subnet(uint32_t address, uint32_t nic_address, int prefix, std::string* why);

/// A name server: unicast_host() except that loopback is allowed, since a local resolver
/// (systemd-resolved's 127.0.0.53, dnsmasq, unbound) listens there. The cloud never
/// writes one; a user who edits os.conf for such an image may.
bool usable_nameserver(uint32_t address, std::string* why);

/// A unicast Ethernet address, returned lower case with colons.
std::optional<std::string> parse_mac(std::string_view text, std::string* why);

/// "DEST/PREFIX GATEWAY" entries separated by ';' (all of them; empty entries between
/// separators are ignored). DEST must be a network address (no host bits; any network,
/// 0.0.0.0/0 included); GATEWAY must be a unicast_host().
std::optional<std::vector<Route>> parse_routes(std::string_view text, std::string* why);

/// The longest password libcrypt hashes (CRYPT_MAX_PASSPHRASE_SIZE, its NUL included):
/// the guest's PAM could not check a longer one either.
constexpr size_t kMaxPasswordBytes = 511;

/// Strict RFC 4648 Base64 (padding required, no whitespace), decoded into a Secret with
/// trailing newlines removed, as the shell's $(echo $password | base64 -d) did. An empty
/// result, a NUL byte or more than kMaxPasswordBytes is an error.
std::optional<Secret> decode_password(std::string_view base64, std::string* why);

}  // namespace image_agent::firstboot

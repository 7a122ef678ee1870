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

/// A unicast Ethernet address, returned lower case with colons.
std::optional<std::string> parse_mac(std::string_view text, std::string* why);

/// "DEST/PREFIX GATEWAY" entries separated by ';' (all of them; empty entries between
/// separators are ignored). DEST must be a network address (no host bits).
std::optional<std::vector<Route>> parse_routes(std::string_view text, std::string* why);

/// Strict RFC 4648 Base64 (padding required, no whitespace), decoded into a Secret with
/// trailing newlines removed, as the shell's $(echo $password | base64 -d) did. An empty
/// result or a NUL byte is an error.
std::optional<Secret> decode_password(std::string_view base64, std::string* why);

}  // namespace image_agent::firstboot

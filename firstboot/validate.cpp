#include "firstboot/validate.h"

#include <charconv>

#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

bool fail(std::string* why, std::string message) {
  *why = std::move(message);
  return false;
}

/// Sets `why` and converts to an empty std::optional of any type.
std::nullopt_t reject(std::string* why, std::string message) {
  *why = std::move(message);
  return std::nullopt;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

bool valid_hostname(std::string_view name, std::string* why) {
  const std::string quoted = "host name '" + std::string(name) + "'";
  if (name.empty()) return fail(why, "host name is empty");
  if (name.size() > 64) return fail(why, quoted + " is longer than 64 characters");
  for (std::string_view label : split(name, '.')) {
    if (label.empty()) return fail(why, quoted + " has an empty label");
    if (label.size() > 63) return fail(why, quoted + " has a label longer than 63 characters");
    if (label.front() == '-' || label.back() == '-')
      return fail(why, quoted + " has a label starting or ending with '-'");
    for (char c : label) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) return fail(why, quoted + " may contain only letters, digits, '-' and '.'");
    }
  }
  return true;
}

std::optional<uint32_t> parse_ipv4(std::string_view text, std::string* why) {
  const std::string quoted = "'" + std::string(text) + "' is not an IPv4 address";
  std::vector<std::string_view> octets = split(text, '.');
  if (octets.size() != 4) return reject(why, quoted);
  uint32_t address = 0;
  for (std::string_view octet : octets) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(octet.data(), octet.data() + octet.size(), value);
    if (octet.empty() || octet.size() > 3 || ec != std::errc() || end != octet.data() + octet.size() ||
        value > 255 || (octet.size() > 1 && octet[0] == '0')) {
      return reject(why, quoted);
    }
    address = (address << 8) | value;
  }
  return address;
}

std::string format_ipv4(uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 255) + "." +
         std::to_string((address >> 8) & 255) + "." + std::to_string(address & 255);
}

uint32_t prefix_mask(int prefix) {
  return prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
}

std::optional<int> netmask_prefix(std::string_view netmask, std::string* why) {
  std::optional<uint32_t> mask = parse_ipv4(netmask, why);
  if (!mask) {
    *why = "netmask " + *why;
    return std::nullopt;
  }
  int prefix = 0;
  while (prefix < 32 && (*mask & (uint32_t{1} << (31 - prefix)))) ++prefix;
  if (*mask != prefix_mask(prefix)) {
    *why = "netmask " + std::string(netmask) + " is not contiguous";
    return std::nullopt;
  }
  if (prefix == 0) {
    *why = "netmask 0.0.0.0 leaves no network";
    return std::nullopt;
  }
  return prefix;
}

bool unicast_host(uint32_t address, std::string* why) {
  const std::string text = format_ipv4(address);
  if (address == ~uint32_t{0}) return fail(why, text + " is the limited broadcast address");
  if (address >> 24 == 0) return fail(why, text + " is in 0.0.0.0/8 (\"this network\")");
  if (address >> 24 == 127) return fail(why, text + " is a loopback address (127.0.0.0/8)");
  if (address >> 28 == 0xe) return fail(why, text + " is a multicast address (224.0.0.0/4)");
  if (address >> 28 == 0xf) return fail(why, text + " is reserved (240.0.0.0/4)");
  return true;
}

bool host_of_subnet(uint32_t address, uint32_t nic_address, int prefix, std::string* why) {
  const uint32_t mask = prefix_mask(prefix);
  if (prefix >= 31 || (address & mask) != (nic_address & mask)) return true;
  const std::string subnet = format_ipv4(nic_address & mask) + "/" + std::to_string(prefix);
  if (address == (nic_address & mask)) {
    return fail(why, format_ipv4(address) + " is the network address of " + subnet);
  }
  if (address == (nic_address | ~mask)) {
    return fail(why, format_ipv4(address) + " is the broadcast address of " + subnet);
  }
  return true;
}

bool usable_nameserver(uint32_t address, std::string* why) {
  return address >> 24 == 127 || unicast_host(address, why);
}

std::optional<std::string> parse_mac(std::string_view text, std::string* why) {
  const std::string quoted = "'" + std::string(text) + "' is not a MAC address (xx:xx:xx:xx:xx:xx)";
  std::vector<std::string_view> octets = split(text, text.find('-') != std::string_view::npos ? '-' : ':');
  if (octets.size() != 6) return reject(why, quoted);
  std::string mac;
  unsigned first = 0;
  bool all_zero = true;
  for (std::string_view octet : octets) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(octet.data(), octet.data() + octet.size(), value, 16);
    if (octet.size() != 2 || ec != std::errc() || end != octet.data() + octet.size()) {
      return reject(why, quoted);
    }
    if (mac.empty()) first = value;
    all_zero = all_zero && value == 0;
    static constexpr char kHex[] = "0123456789abcdef";
    if (!mac.empty()) mac += ':';
    mac += kHex[value >> 4];
    mac += kHex[value & 15];
  }
  if (all_zero) return reject(why, "MAC address " + mac + " is all zeros");
  if (first & 1) return reject(why, "MAC address " + mac + " is a multicast address");
  return mac;
}

std::optional<std::vector<Route>> parse_routes(std::string_view text, std::string* why) {
  std::vector<Route> routes;
  for (std::string_view entry : split(text, ';')) {
    entry = trim(entry);
    if (entry.empty()) continue;
    const std::string quoted = "route '" + std::string(entry) + "'";
    size_t space = entry.find_first_of(" \t");
    size_t slash = entry.find('/');
    if (space == std::string_view::npos || slash == std::string_view::npos || slash > space) {
      return reject(why, quoted + " is not 'DEST/PREFIX GATEWAY'");
    }
    std::string_view gateway_text = trim(entry.substr(space));
    std::string inner;
    std::optional<uint32_t> destination = parse_ipv4(entry.substr(0, slash), &inner);
    std::optional<uint32_t> gateway = parse_ipv4(gateway_text, &inner);
    if (!destination || !gateway) return reject(why, quoted + ": " + inner);
    if (!unicast_host(*gateway, &inner)) return reject(why, quoted + ": gateway " + inner);
    std::string_view prefix_text = entry.substr(slash + 1, space - slash - 1);
    int prefix = -1;
    auto [end, ec] = std::from_chars(prefix_text.data(), prefix_text.data() + prefix_text.size(), prefix);
    if (ec != std::errc() || end != prefix_text.data() + prefix_text.size() || prefix < 0 || prefix > 32) {
      return reject(why, quoted + ": prefix must be 0..32");
    }
    if ((*destination & ~prefix_mask(prefix)) != 0) {
      return reject(why, quoted + ": " + format_ipv4(*destination) + " has host bits set for /" +
                             std::to_string(prefix));
    }
    routes.push_back({format_ipv4(*destination), prefix, format_ipv4(*gateway)});
  }
  if (routes.empty()) return reject(why, "route list is empty");
  return routes;
}

std::optional<Secret> decode_password(std::string_view base64, std::string* why) {
  if (base64.empty() || base64.size() % 4 != 0) {
    return reject(why, "password is not Base64: its length is not a multiple of 4");
  }
  Secret secret(base64.size() / 4 * 3);
  uint32_t buffer = 0;
  int bits = 0;
  size_t padding = 0;
  for (size_t i = 0; i < base64.size(); ++i) {
    char c = base64[i];
    if (c == '=') {
      ++padding;
      if (i + 2 < base64.size() || padding > 2) return reject(why, "password is not Base64: '=' inside");
      continue;
    }
    int value = base64_value(c);
    if (value < 0 || padding > 0) return reject(why, "password is not Base64: invalid character");
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      secret.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  // Strict: the bits that padding leaves over must be zero, so one text has one meaning.
  if ((buffer & ((uint32_t{1} << bits) - 1)) != 0) {
    return reject(why, "password is not Base64: non-canonical padding bits");
  }
  buffer = 0;
  while (!secret.empty() && secret.view().back() == '\n') secret.pop_back();
  if (secret.empty()) return reject(why, "password is empty once decoded");
  if (secret.view().find('\0') != std::string_view::npos) {
    return reject(why, "password contains a NUL byte once decoded");
  }
  if (secret.view().size() > kMaxPasswordBytes) {
    return reject(why, "password is longer than " + std::to_string(kMaxPasswordBytes) +
                           " bytes once decoded (more than crypt(3) can hash)");
  }
  return secret;
}

}  // namespace image_agent::firstboot

#include "hostile/os_conf_corpus.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_support/temp_dir.h"

namespace image_agent::hostile {
namespace {

using testing::read_file;

const std::string kCorpus = std::string(IMAGE_AGENT_SOURCE_DIR) + "/tests/data/hostile/osconf";

/// The seed's VPC os.conf, one line per group's key, for the generated inputs.
const std::string kSeed =
    "hostname=iZ23r29djmjZ\n"
    "password=cXdIcjEyMzQK\n"
    "eth0_ip_addr=10.171.254.123\n"
    "eth0_mac_addr=00:8c:fa:5e:14:23\n"
    "eth0_netmask=255.255.255.0\n"
    "eth0_gateway=10.171.254.1\n"
    "eth0_route=\"0.0.0.0/0 10.171.254.1\"\n"
    "dns_nameserver=\"7.7.7.7 8.8.8.8\"\n";

/// os.conf's size limit (firstboot/os_conf_file.cpp): the cloud writes a few hundred bytes.
constexpr size_t kLimit = size_t{64} * 1024;

GroupOutcome outcome(const std::string& word) {
  if (word == "applied") return GroupOutcome::kApplied;
  if (word == "refused") return GroupOutcome::kRefused;
  if (word == "-") return GroupOutcome::kAbsent;
  throw std::runtime_error("EXPECTED: unknown outcome '" + word + "'");
}

std::string base64(const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t chunk = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(chunk >> 18) & 63];
    out += kAlphabet[(chunk >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=';
  }
  return out;
}

/// kSeed with the line of `key` replaced by `line`.
std::string seed_with(const std::string& key, const std::string& line) {
  std::string out;
  std::istringstream in(kSeed);
  for (std::string l; std::getline(in, l);) out += (l.starts_with(key + "=") ? line : l) + "\n";
  return out;
}

std::vector<OsConfCase> files() {
  std::vector<OsConfCase> cases;
  std::istringstream manifest(read_file(kCorpus + "/EXPECTED"));
  for (std::string line; std::getline(manifest, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    OsConfCase c;
    std::string exit_code;
    fields >> c.name >> exit_code;
    c.exit_code = std::stoi(exit_code);
    for (size_t i = 0; i < kGroups.size(); ++i) {
      std::string word;
      fields >> word;
      c.groups.push_back(outcome(word));
    }
    std::getline(fields >> std::ws, c.message);
    if (c.message == "-") c.message.clear();
    const std::string path = kCorpus + "/" + c.name;
    c.content = [path] { return read_file(path); };
    // Under the sanitizers every fourth file: each kind of input keeps a few.
    c.sanitized = cases.size() % 4 == 0;
    cases.push_back(std::move(c));
  }
  return cases;
}

OsConfCase generated(std::string name, std::function<std::string()> content, int exit_code,
                     std::vector<GroupOutcome> groups, std::string message) {
  OsConfCase c;
  c.name = std::move(name);
  c.content = std::move(content);
  c.exit_code = exit_code;
  c.groups = std::move(groups);
  c.message = std::move(message);
  c.sanitized = true;
  return c;
}

std::vector<OsConfCase> generated_cases() {
  using enum GroupOutcome;
  const std::vector<GroupOutcome> none{kAbsent, kAbsent, kAbsent, kAbsent};
  const std::vector<GroupOutcome> all{kApplied, kApplied, kApplied, kApplied};
  std::vector<OsConfCase> cases;
  // Too big to be what the cloud wrote: refused whole, before any line is looked at.
  cases.push_back(generated(
      "generated-1mib-value", [] { return "hostname=" + std::string(1 << 20, 'a') + "\n" + kSeed; }, 1, none,
      "File too large"));
  cases.push_back(generated(
      "generated-1mib-comment", [] { return "#" + std::string(1 << 20, '#') + "\n" + kSeed; }, 1, none,
      "File too large"));
  cases.push_back(generated(
      "generated-100k-lines",
      [] {
        std::string text = kSeed;
        for (int i = 0; i < 100000; ++i) text += "x" + std::to_string(i) + "=1\n";
        return text;
      },
      1, none, "File too large"));
  cases.push_back(generated(
      "generated-64kib-plus-one", [] { return kSeed + std::string(kLimit + 1 - kSeed.size(), '\n'); }, 1,
      none, "File too large"));
  // As big as allowed: every line is read, however long (issue 15 #9: no 198-byte limit).
  cases.push_back(generated(
      "generated-64kib-exactly", [] { return kSeed + std::string(kLimit - kSeed.size(), '\n'); }, 0, all,
      "all settings applied"));
  cases.push_back(generated(
      "generated-60k-line", [] { return "#" + std::string(60000, 'x') + "\n" + kSeed; }, 0, all,
      "all settings applied"));
  cases.push_back(generated(
      "generated-30k-blank-lines", [] { return std::string(30000, '\n') + kSeed; }, 0, all,
      "all settings applied"));
  cases.push_back(generated(
      "generated-1000-routes",
      [] {
        std::string routes;
        for (int i = 0; i < 1000; ++i)
          routes += "10." + std::to_string(i / 250) + "." + std::to_string(i % 250) + ".0/24 10.171.254.1;";
        return seed_with("eth0_route", "eth0_route=\"" + routes + "0.0.0.0/0 10.171.254.1\"");
      },
      0, all, "all settings applied"));
  cases.push_back(generated(
      "generated-2000-duplicate-hostnames",
      [] {
        std::string text;
        for (int i = 0; i < 2000; ++i) text += "hostname=iZ23r29djmjZ\n";
        return text + kSeed;
      },
      1, {kRefused, kApplied, kApplied, kApplied}, "hostname is set twice (lines 1 and 2)"));
  // The longest password crypt(3) hashes, and one byte more.
  OsConfCase longest = generated(
      "generated-511-byte-password",
      [] { return seed_with("password", "password=" + base64(std::string(511, 'p'))); }, 0, all,
      "all settings applied");
  longest.password = std::string(511, 'p');
  cases.push_back(std::move(longest));
  cases.push_back(generated(
      "generated-512-byte-password",
      [] { return seed_with("password", "password=" + base64(std::string(512, 'p'))); }, 1,
      {kApplied, kRefused, kApplied, kApplied}, "password is longer than 511 bytes once decoded"));
  return cases;
}

}  // namespace

std::string OsConfCase::test_name() const {
  std::string out;
  bool upper = true;
  for (char c :
       name.substr(0, name.rfind(".conf") == std::string::npos ? name.size() : name.rfind(".conf"))) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

void PrintTo(const OsConfCase& c, std::ostream* out) {
  *out << c.name;
}

std::vector<OsConfCase> os_conf_cases() {
  std::vector<OsConfCase> cases = files();
  for (OsConfCase& c : generated_cases()) cases.push_back(std::move(c));
  return cases;
}

}  // namespace image_agent::hostile

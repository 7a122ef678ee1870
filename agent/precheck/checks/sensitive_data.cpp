// sensitive_data: what a builder leaves in homes ships in every clone: non-empty shell
// histories, private keys under ~/.ssh, cloud and container credentials (the list in
// guest/cloud_credentials.h: all of ~/.aliyun, ~/.aws, ~/.azure, ~/.config/gcloud,
// ~/.oci; ~/.kube/config, ~/.docker/config.json). Looked for where and as `image-agent
// sysprep` removes them (shell-history, ssh-user-keys, cloud-credentials; the credentials
// from the same list), so a sysprepped tree passes. Paths only, never contents. Source:
// seed 003 step 1.
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <optional>

#include "guest/cloud_credentials.h"
#include "precheck/context.h"
#include "precheck/facts/homes.h"
#include "precheck/facts/private_key.h"

namespace image_agent::precheck::checks {
namespace {

constexpr std::array<std::string_view, 12> kHistories{".bash_history",
                                                      ".sh_history",
                                                      ".ash_history",
                                                      ".zsh_history",
                                                      ".zhistory",
                                                      ".histfile",
                                                      ".local/share/fish/fish_history",
                                                      ".config/fish/fish_history",
                                                      ".python_history",
                                                      ".mysql_history",
                                                      ".lesshst",
                                                      ".local/state/lesshst"};
constexpr size_t kKeyLimit = size_t{1} << 20;

struct Scan {
  const RootFs& fs;
  std::vector<Evidence> found;
  int first_cause = 0;
  std::vector<std::string> unreadable;

  void add(int cause, const char* what, const std::string& path) {
    if (first_cause == 0) first_cause = cause;
    found.emplace_back(what, path);
  }

  /// lstat of home/relative when every directory before the last component is a real
  /// directory (sysprep does not follow a symlinked ~/.config either).
  std::optional<struct stat> entry(const std::string& home, std::string_view relative) {
    std::string path = home;
    size_t start = 0;
    for (size_t slash = relative.find('/'); slash != std::string_view::npos;
         slash = relative.find('/', start)) {
      path += "/" + std::string(relative.substr(start, slash - start));
      start = slash + 1;
      Result<struct stat> st = fs.stat(path, Follow::kNo);
      if (!st || !S_ISDIR(st->st_mode)) return std::nullopt;
    }
    Result<struct stat> st = fs.stat(path + "/" + std::string(relative.substr(start)), Follow::kNo);
    if (!st) return std::nullopt;
    return *st;
  }

  bool private_key_file(const std::string& path) {
    Result<UniqueFd> fd = fs.open_file(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    if (!fd) return false;
    struct stat st {};
    // sysprep reads no larger file: a key is small.
    if (::fstat(fd->get(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<size_t>(st.st_size) > kKeyLimit)
      return false;
    std::string content(kKeyLimit, '\0');
    ssize_t n = ::read(fd->get(), content.data(), content.size());
    if (n <= 0) return false;
    content.resize(static_cast<size_t>(n));
    return looks_like_private_key(content);
  }

  void ssh_dir(const std::string& dir, int depth) {
    Result<std::vector<DirEntry>> entries = fs.list(dir);
    if (!entries) {
      if (entries.error().code == EACCES) unreadable.push_back(dir);
      return;
    }
    for (const DirEntry& e : *entries) {
      std::string path = dir + "/" + e.name;
      if (e.type == S_IFDIR) {
        if (depth < 8) ssh_dir(path, depth + 1);
      } else if (named_like_private_key(e.name) || (e.type == S_IFREG && private_key_file(path))) {
        add(2, "private key", path);  // by name (even a symlink, never read through) or by content
      }
    }
  }

  void home(const std::string& home) {
    if (Result<std::vector<DirEntry>> listing = fs.list(home); !listing) {
      if (listing.error().code == EACCES) unreadable.push_back(home);
      return;
    }
    for (std::string_view history : kHistories) {
      std::optional<struct stat> st = entry(home, history);
      if (st && S_ISREG(st->st_mode) && st->st_size > 0)
        add(1, "shell history", home + "/" + std::string(history));
    }
    if (std::optional<struct stat> st = entry(home, ".ssh"); st && S_ISDIR(st->st_mode))
      ssh_dir(home + "/.ssh", 0);
    for (const guest::CloudCredential& credential : guest::cloud_credentials()) {
      if (entry(home, credential.path)) add(3, "credentials", home + "/" + std::string(credential.path));
    }
  }
};

Verdict check(const ItemContext& context) {
  const Homes& found = homes(context);
  Scan scan{context.fs(), {}, 0, {}};
  for (const Home& home : found.homes) scan.home(home.path);
  std::vector<Evidence> evidence = scan.found;
  for (const auto& [path, why] : found.skipped) evidence.emplace_back("not checked", path + " (" + why + ")");
  for (const std::string& path : scan.unreadable) evidence.emplace_back("unreadable", path);
  if (scan.first_cause != 0) {
    return problem(
        context, scan.first_cause,
        std::to_string(scan.found.size()) + " files with secrets would ship in the image (" +
            scan.found.front().second + (scan.found.size() > 1 ? ", ..." : "") + ")",
        "Run: image-agent sysprep (shell-history, ssh-user-keys, cloud-credentials) before capturing, "
        "or remove the files listed.",
        std::move(evidence));
  }
  if (!scan.unreadable.empty() && !context.privileged())
    return skipped("needs root: some homes cannot be read", std::move(evidence));
  return ok("no shell histories, private keys or cloud credentials in " + std::to_string(found.homes.size()) +
                " homes",
            std::move(evidence));
}

}  // namespace

extern const Item kSensitiveDataItem{
    "sensitive_data",
    "",
    3100,
    "no shell histories, private keys in ~/.ssh or cloud credentials in homes",
    "seed 003",
    ItemKind::kSystem,
    &check};

}  // namespace image_agent::precheck::checks

#include "guest/sshd_config.h"

#include <cerrno>

#include "platform/text.h"

namespace image_agent::guest {
namespace {

constexpr int kMaxIncludeDepth = 16;  // sshd's READCONF_MAX_DEPTH
// More files than any real configuration includes. A file that includes its own glob
// twice doubles the work at every level: 2^16 files before the depth limit.
constexpr size_t kMaxFiles = 256;

/// The keyword and its arguments; "Key=value", "Key value" and quoted arguments.
std::pair<std::string, std::vector<std::string>> split_line(std::string_view line) {
  size_t end = line.find_first_of(" \t=");
  std::string keyword(line.substr(0, end));
  std::vector<std::string> args;
  if (end == std::string_view::npos) return {keyword, args};
  std::string_view rest = trim(line.substr(end));
  if (!rest.empty() && rest.front() == '=') rest = trim(rest.substr(1));
  while (!rest.empty()) {
    if (rest.front() == '"') {
      size_t close = rest.find('"', 1);
      args.emplace_back(rest.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
      rest = close == std::string_view::npos ? std::string_view() : trim(rest.substr(close + 1));
    } else {
      size_t space = rest.find_first_of(" \t");
      args.emplace_back(rest.substr(0, space));
      rest = space == std::string_view::npos ? std::string_view() : trim(rest.substr(space));
    }
  }
  return {keyword, args};
}

struct Parser {
  const SshdIncludeReader& read_include;
  SshdConfig config;
  // Set at the first include nested too deep (sshd exits there: "Too many recursive
  // configuration includes") or past kMaxFiles: nothing more is read.
  bool stopped = false;

  void stop(const std::string& why) {
    config.unreadable.push_back(why);
    stopped = true;
  }

  // `in_match`: the file (or the Include that read it) is inside a Match block.
  void parse(std::string_view text, const std::string& file, bool in_match, int depth) {
    config.files.push_back(file);
    int number = 0;
    for (std::string_view raw : lines(text)) {
      if (stopped) return;
      ++number;
      std::string_view line = trim(raw);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      auto [keyword, args] = split_line(line);
      std::string key = lower(keyword);
      if (key == "match") {
        // "Match all" returns to settings for every connection.
        in_match = !(args.size() == 1 && lower(args[0]) == "all");
        continue;
      }
      if (key == "include") {
        std::string where = file + ":" + std::to_string(number) + ": ";
        if (depth >= kMaxIncludeDepth) {
          stop(where + "includes nested too deep; sshd does not start with this configuration");
          return;
        }
        for (const std::string& pattern : args) {
          for (const auto& [path, content] : read_include(pattern, config.unreadable)) {
            if (stopped) return;
            if (config.files.size() >= kMaxFiles) {
              stop(where + "more than " + std::to_string(kMaxFiles) +
                   " files included; the rest is not read");
              return;
            }
            parse(content, path, in_match, depth + 1);
          }
        }
        continue;
      }
      SshdSetting setting{args.empty() ? std::string() : args[0], file, number};
      if (in_match) {
        config.in_match.emplace(key, std::move(setting));
      } else {
        config.global.try_emplace(key, std::move(setting));  // the first value wins
      }
    }
  }
};

}  // namespace

const SshdSetting* SshdConfig::find(std::string_view keyword) const {
  auto it = global.find(keyword);
  return it == global.end() ? nullptr : &it->second;
}

SshdConfig parse_sshd_config(std::string_view text, const std::string& file,
                             const SshdIncludeReader& read_include) {
  Parser parser{read_include, {}};
  parser.parse(text, file, false, 0);
  return std::move(parser.config);
}

Result<SshdConfig> read_sshd_config(const RootFs& fs) {
  constexpr const char* kMain = "/etc/ssh/sshd_config";
  Result<std::string> main = fs.read_file(kMain);
  if (!main) return main.error();
  SshdIncludeReader reader = [&fs](const std::string& pattern, std::vector<std::string>& unreadable) {
    std::vector<std::pair<std::string, std::string>> files;
    std::string path = pattern.starts_with("/") ? pattern : "/etc/ssh/" + pattern;
    size_t slash = path.rfind('/');
    std::string dir = slash == 0 ? "/" : path.substr(0, slash);
    std::string base = path.substr(slash + 1);
    if (base.find_first_of("*?[") == std::string::npos) {
      if (Result<std::string> text = fs.read_file(path)) {
        files.emplace_back(path, std::move(*text));
      } else if (text.error().code != ENOENT) {
        unreadable.push_back(path);
      }
      return files;
    }
    Result<std::vector<DirEntry>> entries = fs.list(dir);
    if (!entries) {
      if (entries.error().code != ENOENT) unreadable.push_back(dir);
      return files;
    }
    for (const DirEntry& entry : *entries) {
      if (!glob_match(base, entry.name)) continue;
      std::string file = dir + "/" + entry.name;
      if (Result<std::string> text = fs.read_file(file)) {
        files.emplace_back(file, std::move(*text));
      } else {
        unreadable.push_back(file);
      }
    }
    return files;
  };
  return parse_sshd_config(*main, kMain, reader);
}

}  // namespace image_agent::guest

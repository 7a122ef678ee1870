#include "test_support/traced_run.h"

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "test_support/temp_dir.h"

namespace image_agent::testing {
namespace {

// Every call that starts a program or changes a path (x86_64 and aarch64 names; strace
// ignores none it knows, and these it all knows).
constexpr const char* kTraced =
    "trace=execve,execveat,open,creat,openat,openat2,unlink,unlinkat,rmdir,mkdir,mkdirat,mknod,mknodat,"
    "truncate,ftruncate,chmod,fchmod,fchmodat,chown,lchown,fchown,fchownat,setxattr,lsetxattr,fsetxattr,"
    "removexattr,lremovexattr,fremovexattr,rename,renameat,renameat2,link,linkat,symlink,symlinkat";

// The flags of an open that may change the file it names.
constexpr const char* kWriteFlags[] = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_TMPFILE", "O_APPEND"};

/// Splits "a, "b, c", [d, e], 3</x, y>" at its top-level commas.
std::vector<std::string> split_arguments(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  int depth = 0;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      current += c;
      if (c == '\\' && i + 1 < text.size()) {
        current += text[++i];
      } else if (c == '"') {
        quoted = false;
      }
      continue;
    }
    if (c == '"') quoted = true;
    // A descriptor's path follows its number or AT_FDCWD: "3</etc>".
    const bool opens_path =
        c == '<' && i > 0 && (std::isdigit(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == 'D');
    if (c == '[' || c == '{' || c == '(' || opens_path) ++depth;
    if ((c == ']' || c == '}' || c == ')' || c == '>') && depth > 0) --depth;
    if (c == ',' && depth == 0) {
      out.push_back(current);
      current.clear();
      if (i + 1 < text.size() && text[i + 1] == ' ') ++i;
      continue;
    }
    current += c;
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

/// The text of a quoted string argument, its C escapes undone; "" when it is not one.
std::string string_argument(const std::string& arg) {
  if (arg.size() < 2 || arg.front() != '"') return {};
  std::string out;
  for (size_t i = 1; i + 1 < arg.size(); ++i) {
    if (arg[i] != '\\' || i + 2 >= arg.size()) {
      out += arg[i];
      continue;
    }
    const char e = arg[++i];
    if (e == 'x' && i + 2 < arg.size()) {
      out += static_cast<char>(std::stoi(arg.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (e >= '0' && e <= '7') {
      size_t n = 1;
      while (n < 3 && i + n < arg.size() - 1 && arg[i + n] >= '0' && arg[i + n] <= '7') ++n;
      out += static_cast<char>(std::stoi(arg.substr(i, n), nullptr, 8));
      i += n - 1;
    } else {
      static const std::map<char, char> kEscapes{{'n', '\n'}, {'t', '\t'}, {'r', '\r'}, {'v', '\v'},
                                                 {'f', '\f'}, {'a', '\a'}, {'b', '\b'}};
      auto it = kEscapes.find(e);
      out += it == kEscapes.end() ? e : it->second;
    }
  }
  return out;
}

/// The path strace shows for a descriptor ("3</etc>", "AT_FDCWD</work>"), or "".
std::string descriptor_path(const std::string& arg) {
  const size_t open = arg.find('<');
  if (open == std::string::npos || arg.back() != '>') return {};
  return arg.substr(open + 1, arg.size() - open - 2);
}

/// A name relative to a directory descriptor, as the kernel resolves it ("?" when unknown).
std::string resolve(const std::string& directory, const std::string& name) {
  if (!name.empty() && name.front() == '/') return name;
  if (directory.empty()) return "?" + name;
  return name.empty() ? directory : directory + "/" + name;
}

struct Call {
  std::string name;
  std::vector<std::string> args;
  std::string returned;  ///< "0", "3</etc/x>", "-1 ENOENT (No such file or directory)"
};

/// One complete line of strace's output ("PID name(args) = ret") as a call.
std::optional<Call> parse_call(const std::string& line) {
  size_t start = line.find(' ');
  if (start == std::string::npos) return std::nullopt;
  start = line.find_first_not_of(' ', start);
  const size_t paren = line.find('(', start);
  const size_t equals = line.rfind(") = ");
  if (paren == std::string::npos || equals == std::string::npos || equals < paren) return std::nullopt;
  Call call;
  call.name = line.substr(start, paren - start);
  call.args = split_arguments(line.substr(paren + 1, equals - paren - 1));
  call.returned = line.substr(line.find_first_not_of(' ', equals + 3));
  return call;
}

/// What a call changed: the paths, or none when it changes nothing (a read-only open).
std::vector<std::string> changed_paths(const Call& call) {
  const std::vector<std::string>& a = call.args;
  auto str = [&](size_t i) { return i < a.size() ? string_argument(a[i]) : std::string(); };
  auto fd = [&](size_t i) { return i < a.size() ? descriptor_path(a[i]) : std::string(); };
  auto writes = [](const std::string& flags) {
    for (const char* flag : kWriteFlags) {
      if (flags.find(flag) != std::string::npos) return true;
    }
    return false;
  };
  const std::string& n = call.name;
  const std::string opened = descriptor_path(call.returned);
  if (n == "open" || n == "openat" || n == "openat2") {
    const size_t at = n == "open" ? 0 : 1;
    if (a.size() <= at + 1 || !writes(a[at + 1])) return {};
    if (!opened.empty()) return {opened};
    // openat2 with RESOLVE_IN_ROOT resolves "/etc/x" under its directory, as chroot would.
    std::string name = str(at);
    if (n == "openat2" && a[2].find("RESOLVE_IN_ROOT") != std::string::npos && name.starts_with('/'))
      name = name.substr(1);
    return {resolve(at == 0 ? "" : fd(0), name)};
  }
  if (n == "creat") return {opened.empty() ? resolve("", str(0)) : opened};
  if (n == "unlink" || n == "rmdir" || n == "mkdir" || n == "mknod" || n == "truncate" || n == "chmod" ||
      n == "chown" || n == "lchown" || n == "setxattr" || n == "lsetxattr" || n == "removexattr" ||
      n == "lremovexattr")
    return {resolve("", str(0))};
  if (n == "unlinkat" || n == "mkdirat" || n == "mknodat" || n == "fchmodat" || n == "fchownat")
    return {resolve(fd(0), str(1))};
  if (n == "ftruncate" || n == "fchmod" || n == "fchown" || n == "fsetxattr" || n == "fremovexattr")
    return {fd(0).empty() ? "?" + (a.empty() ? std::string() : a[0]) : fd(0)};
  if (n == "rename") return {resolve("", str(0)), resolve("", str(1))};
  if (n == "renameat" || n == "renameat2") return {resolve(fd(0), str(1)), resolve(fd(2), str(3))};
  if (n == "link" || n == "symlink") return {resolve("", str(1))};
  if (n == "linkat") return {resolve(fd(2), str(3))};
  if (n == "symlinkat") return {resolve(fd(1), str(2))};
  return {};
}

}  // namespace

TracedRun run_traced(const std::string& strace, const std::vector<std::string>& command,
                     std::chrono::milliseconds deadline) {
  TempDir dir;
  // -y: descriptors with their paths; -s: whole names; LeakSanitizer cannot run under
  // ptrace, so it is turned off in the traced program.
  std::vector<std::string> argv{strace,
                                "-f",
                                "-qq",
                                "-y",
                                "-s",
                                "65536",
                                "--seccomp-bpf",
                                "-o",
                                dir / "trace",
                                "-E",
                                "ASAN_OPTIONS=detect_leaks=0",
                                "-e",
                                kTraced};
  argv.insert(argv.end(), command.begin(), command.end());
  RunOptions options;
  options.deadline = deadline;
  const auto started = std::chrono::steady_clock::now();
  Result<RunResult> result = run_program(argv, options);
  TracedRun run;
  run.wall =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  if (!result) throw std::runtime_error(result.error().message);
  run.result = std::move(*result);

  // A call interrupted by another thread's is split: "PID name(args <unfinished ...>", later
  // "PID <... name resumed>rest".
  std::map<std::string, std::string> unfinished;
  std::istringstream trace(read_file(dir / "trace"));
  for (std::string line; std::getline(trace, line);) {
    const std::string pid = line.substr(0, line.find(' '));
    constexpr std::string_view kUnfinished = " <unfinished ...>";
    if (line.ends_with(kUnfinished)) {
      unfinished[pid] = line.substr(0, line.size() - kUnfinished.size());
      continue;
    }
    if (const size_t resumed = line.find(" resumed>");
        resumed != std::string::npos && unfinished.count(pid)) {
      line = unfinished[pid] + line.substr(resumed + 9);
      unfinished.erase(pid);
    }
    std::optional<Call> call = parse_call(line);
    if (!call) continue;
    if (call->name == "execve" || call->name == "execveat") {
      const std::string path = string_argument(call->args.at(call->name == "execve" ? 0 : 1));
      run.executed.push_back(path);
      continue;
    }
    for (const std::string& path : changed_paths(*call)) run.written.push_back(call->name + " " + path);
  }
  return run;
}

std::vector<std::string> written_outside(const TracedRun& run, const std::string& top,
                                         const std::vector<std::string>& allowed) {
  std::string prefix = top;
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  const std::set<std::string> allowed_paths(allowed.begin(), allowed.end());
  std::vector<std::string> outside;
  for (const std::string& entry : run.written) {
    const std::string path = entry.substr(entry.find(' ') + 1);
    const bool inside = path == prefix || path.starts_with(prefix + "/");
    // ".." cannot hide in a path strace took from the kernel, but can in a name we joined.
    const bool climbs = path.find("/../") != std::string::npos || path.ends_with("/..");
    if ((inside && !climbs) || allowed_paths.count(path)) continue;
    outside.push_back(entry);
  }
  return outside;
}

}  // namespace image_agent::testing

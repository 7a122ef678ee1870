#include "cli/options.h"

#include <algorithm>

#include "platform/text.h"

namespace image_agent::cli {
namespace {

const OptionSpec* find_long(std::span<const OptionSpec> specs, std::string_view name) {
  auto it =
      std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.long_name == name; });
  return it == specs.end() ? nullptr : &*it;
}

const OptionSpec* find_short(std::span<const OptionSpec> specs, char name) {
  auto it =
      std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.short_name == name; });
  return it == specs.end() ? nullptr : &*it;
}

Error usage_error(std::string message) {
  return Error{std::move(message), EINVAL};
}

}  // namespace

std::string ParsedOptions::get(std::string_view name, std::string_view fallback) const {
  auto it = values.find(name);
  return it == values.end() ? std::string(fallback) : it->second.back();
}

Result<ParsedOptions> parse_options(std::span<const OptionSpec> specs, std::span<const std::string> args,
                                    bool stop_at_operand) {
  ParsedOptions parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      parsed.operands.insert(parsed.operands.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      if (stop_at_operand) {
        parsed.operands.insert(parsed.operands.end(), args.begin() + static_cast<long>(i), args.end());
        break;
      }
      parsed.operands.push_back(arg);
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::string value;
    bool has_inline_value = false;
    if (arg[1] == '-') {
      std::string_view name = std::string_view(arg).substr(2);
      if (size_t eq = name.find('='); eq != std::string_view::npos) {
        value = std::string(name.substr(eq + 1));
        name = name.substr(0, eq);
        has_inline_value = true;
      }
      spec = find_long(specs, name);
    } else if (arg.size() == 2) {
      spec = find_short(specs, arg[1]);
    }
    if (spec == nullptr) return usage_error("unknown option '" + arg + "'");
    const std::string name(spec->long_name);
    if (spec->value_name.empty()) {
      if (has_inline_value) return usage_error("option '--" + name + "' takes no value");
    } else if (!has_inline_value) {
      if (i + 1 == args.size()) return usage_error("option '--" + name + "' needs a value");
      value = args[++i];
    }
    parsed.values[name].push_back(std::move(value));
  }
  return parsed;
}

std::string render_options(std::span<const OptionSpec> specs) {
  std::vector<std::pair<std::string, std::string_view>> rows;
  size_t width = 0;
  for (const OptionSpec& spec : specs) {
    std::string left = spec.short_name ? std::string("-") + spec.short_name + ", " : "    ";
    left += "--" + std::string(spec.long_name);
    if (!spec.value_name.empty()) left += " " + std::string(spec.value_name);
    width = std::max(width, left.size());
    rows.emplace_back(std::move(left), spec.help);
  }
  std::string text;
  for (const auto& [left, help] : rows) {
    text += "  " + left + std::string(width - left.size() + 2, ' ') + std::string(help) + "\n";
  }
  return text;
}

std::vector<std::string> comma_list(const ParsedOptions& options, std::string_view name) {
  std::vector<std::string> values;
  auto it = options.values.find(name);
  if (it == options.values.end()) return values;
  for (const std::string& given : it->second) {
    for (std::string_view value : split(given, ',')) {
      value = trim(value);
      if (!value.empty()) values.emplace_back(value);
    }
  }
  return values;
}

}  // namespace image_agent::cli

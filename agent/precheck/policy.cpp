#include "precheck/policy.h"

#include <yaml-cpp/yaml.h>

#include "platform/root_fs.h"
#include "precheck/registry.h"

namespace image_agent::precheck {
namespace {

Error at(const YAML::Node& node, const std::string& what) {
  const YAML::Mark mark = node.Mark();
  return Error{
      "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1) + ": " + what,
      EINVAL};
}

Result<ItemPolicy> parse_item(const YAML::Node& node, const std::string& id, ItemPolicy item) {
  if (!node.IsMap()) return at(node, "item '" + id + "' must be a mapping");
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    const YAML::Node& value = entry.second;
    if (key == "severity") {
      const std::string text = value.IsScalar() ? value.as<std::string>() : "";
      if (text == "failed") {
        item.enabled = true;
        item.severity = Status::kFailed;
      } else if (text == "warning") {
        item.enabled = true;
        item.severity = Status::kWarning;
      } else if (text == "off") {
        item.enabled = false;
      } else {
        return at(value, id + ".severity '" + text + "': use failed, warning or off");
      }
    } else if (value.IsScalar()) {
      double number = 0;
      bool flag = false;
      if (YAML::convert<double>::decode(value, number)) {
        item.thresholds[key] = number;
      } else if (YAML::convert<bool>::decode(value, flag)) {
        item.flags[key] = flag;
      } else {
        return at(value, id + "." + key + " must be a number, true or false");
      }
    } else if (value.IsSequence()) {
      std::vector<std::string> list;
      for (const auto& element : value) {
        if (!element.IsScalar()) return at(element, id + "." + key + " must be a list of strings");
        list.push_back(element.as<std::string>());
      }
      item.lists[key] = std::move(list);
    } else {
      return at(value, id + "." + key + " must be a number, true, false or a list of strings");
    }
  }
  return item;
}

}  // namespace

const ItemPolicy* Policy::find(std::string_view profile, std::string_view item) const {
  auto p = profiles.find(profile);
  if (p == profiles.end()) return nullptr;
  auto i = p->second.find(item);
  return i == p->second.end() || !i->second.enabled ? nullptr : &i->second;
}

Result<Policy> parse_policy(std::string_view yaml, const std::set<std::string, std::less<>>& known_items) {
  Policy policy;
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    if (!root.IsMap() || !root["profiles"] || !root["profiles"].IsMap()) {
      return at(root, "the policy needs a 'profiles' mapping");
    }
    for (const auto& top : root) {
      if (top.first.as<std::string>() != "profiles") {
        return at(top.first, "unknown key '" + top.first.as<std::string>() + "'");
      }
    }
    // Profiles in file order; `inherits` must name one defined above it.
    for (const auto& entry : root["profiles"]) {
      const std::string name = entry.first.as<std::string>();
      const YAML::Node& body = entry.second;
      if (!body.IsMap()) return at(body, "profile '" + name + "' must be a mapping");
      std::map<std::string, ItemPolicy, std::less<>> items;
      for (const auto& field : body) {
        const std::string key = field.first.as<std::string>();
        if (key == "inherits") {
          const std::string parent = field.second.as<std::string>();
          auto found = policy.profiles.find(parent);
          if (found == policy.profiles.end()) {
            return at(field.second,
                      "profile '" + name + "' inherits '" + parent + "', which is not defined above it");
          }
          items = found->second;
        } else if (key != "items") {
          return at(field.first, "unknown key '" + key + "' in profile '" + name + "'");
        }
      }
      if (const YAML::Node& list = body["items"]) {
        if (!list.IsMap()) return at(list, "'items' of profile '" + name + "' must be a mapping");
        for (const auto& item : list) {
          const std::string id = item.first.as<std::string>();
          if (!known_items.contains(id)) return at(item.first, "unknown item '" + id + "'");
          Result<ItemPolicy> parsed = parse_item(item.second, id, items[id]);
          if (!parsed) return parsed.error();
          items[id] = std::move(*parsed);
        }
      }
      policy.profiles[name] = std::move(items);
    }
  } catch (const YAML::Exception& e) {
    return Error{"line " + std::to_string(e.mark.line + 1) + ", column " + std::to_string(e.mark.column + 1) +
                     ": " + e.msg,
                 EINVAL};
  }
  return policy;
}

Result<Policy> load_policy(const std::string& config) {
  std::string text(default_policy_yaml());
  if (!config.empty()) {
    Result<RootFs> host = RootFs::open(config.front() == '/' ? "/" : ".");
    if (!host) return Error{"policy: " + host.error().message, host.error().code};
    Result<std::string> read = host->read_file(config);
    if (!read) return Error{"policy: " + read.error().message, read.error().code};
    text = std::move(*read);
  }
  Result<Policy> policy = parse_policy(text, spec_item_id_set());
  if (!policy) {
    return Error{(config.empty() ? std::string("built-in policy") : config) + ": " + policy.error().message,
                 policy.error().code};
  }
  if (!config.empty()) policy->source = config;
  return policy;
}

}  // namespace image_agent::precheck

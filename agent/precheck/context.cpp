#include "precheck/context.h"

#include <unistd.h>

namespace image_agent::precheck {

Context::Context(const RootFs& fs, const Policy& policy, std::string profile, bool live)
    : fs_(fs), policy_(policy), profile_(std::move(profile)), live_(live), privileged_(::geteuid() == 0) {}

void Context::set_host_paths(std::string sysfs, std::string mountinfo) {
  sysfs_ = std::move(sysfs);
  mountinfo_ = std::move(mountinfo);
}

Status ItemContext::severity() const {
  const ItemPolicy* p = run_.policy().find(run_.profile(), item_.id);
  return p != nullptr && p->severity == Status::kFailed ? Status::kFailed : Status::kWarning;
}

double ItemContext::threshold(std::string_view key, double fallback) const {
  const ItemPolicy* p = run_.policy().find(run_.profile(), item_.id);
  if (p == nullptr) return fallback;
  auto it = p->thresholds.find(key);
  return it == p->thresholds.end() ? fallback : it->second;
}

std::vector<std::string> ItemContext::list(std::string_view key) const {
  const ItemPolicy* p = run_.policy().find(run_.profile(), item_.id);
  if (p == nullptr) return {};
  auto it = p->lists.find(key);
  return it == p->lists.end() ? std::vector<std::string>{} : it->second;
}

bool ItemContext::flag(std::string_view key, bool fallback) const {
  const ItemPolicy* p = run_.policy().find(run_.profile(), item_.id);
  if (p == nullptr) return fallback;
  auto it = p->flags.find(key);
  return it == p->flags.end() ? fallback : it->second;
}

Context::Slot& Context::slot_for(const std::string& key) const {
  std::lock_guard lock(slots_mutex_);
  std::unique_ptr<Slot>& slot = slots_[key];
  if (!slot) slot = std::make_unique<Slot>();
  return *slot;
}

}  // namespace image_agent::precheck

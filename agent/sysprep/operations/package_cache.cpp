// package-cache: downloaded packages and index caches make the image larger and go
// stale; each package manager fetches them again. Only caches: /var/cache/debconf is a
// database despite its name, and /var/lib/apt/lists, rpm's and dpkg's databases stay.
#include <array>

#include "sysprep/operations/operations.h"
#include "sysprep/walk.h"

namespace image_agent::sysprep::ops {
namespace {

// Whole contents: these directories hold nothing but cache.
constexpr std::array<std::string_view, 6> kCacheDirs{
    "/var/cache/apt/archives/partial", "/var/cache/dnf", "/var/cache/yum", "/var/cache/zypp",
    "/var/cache/pacman/pkg",           "/var/cache/apk"};

/// Files of `dir` accepted by `wanted` (what `apt-get clean` removes there).
template <typename Wanted>
void plan_files(const Context& context, std::string_view dir, Wanted wanted, Plan& plan) {
  std::optional<Listing> listing = list_directory(context, std::string(dir), plan);
  if (!listing) return;
  for (const DirEntry& entry : listing->entries) {
    if (entry.type != S_IFDIR && wanted(std::string_view(entry.name))) {
      plan_remove_entry(context, join_path(dir, entry.name), plan);
    }
  }
}

Plan plan(const Context& context) {
  Plan plan;
  // apt's lock files stay: apt expects them, and they hold nothing.
  plan_files(
      context, "/var/cache/apt/archives", [](std::string_view name) { return name != "lock"; }, plan);
  plan_files(
      context, "/var/cache/apt", [](std::string_view name) { return name.ends_with(".bin"); }, plan);
  for (std::string_view dir : kCacheDirs) plan_remove_contents(context, std::string(dir), plan);
  return plan;
}

}  // namespace

const Operation kPackageCache{
    "package-cache",
    "/var/cache/apt/archives/* (not lock), /var/cache/apt/*.bin, the contents of "
    "/var/cache/{dnf,yum,zypp,apk}, /var/cache/pacman/pkg, /var/cache/apt/archives/partial",
    true, &plan};

}  // namespace image_agent::sysprep::ops

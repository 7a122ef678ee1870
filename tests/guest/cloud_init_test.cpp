// cloud-init's configuration as the guest floor reads it: one file's settings (pure, on
// strings), the merge in cloud-init's order, and the files of an Ubuntu 22.04 cloud image.
#include "guest/cloud_init.h"

#include <gtest/gtest.h>

#include "test_support/temp_dir.h"
#include "test_support/ubuntu_cloud_init.h"

namespace image_agent::guest {
namespace {

using image_agent::testing::TempDir;
using image_agent::testing::write_file;

CloudConfig parsed(std::string_view yaml) {
  Result<CloudConfig> config = parse_cloud_config(yaml);
  EXPECT_TRUE(config) << config.error().message;
  return config ? *config : CloudConfig{};
}

TEST(ParseCloudConfig, DatasourceList) {
  EXPECT_EQ(parsed("datasource_list: [ NoCloud, AliYun, None ]\n").datasource_list,
            (std::vector<std::string>{"NoCloud", "AliYun", "None"}));
  EXPECT_EQ(parsed("datasource_list:\n  - Oracle\n").datasource_list, std::vector<std::string>{"Oracle"});
  EXPECT_FALSE(parsed("users: [default]\n").datasource_list);
  EXPECT_FALSE(parsed("").datasource_list);
  EXPECT_FALSE(parse_cloud_config("datasource_list: [a, b\n"));
}

TEST(ParseCloudConfig, NetworkHostnameAndEtcHosts) {
  EXPECT_EQ(parsed("network: {config: disabled}\n").network_config, "disabled");
  EXPECT_EQ(parsed("network:\n  config: disabled\n").network_config, "disabled");
  EXPECT_EQ(
      parsed("network:\n  version: 1\n  config:\n    - type: physical\n      name: eth0\n").network_config,
      "(network configuration)");
  EXPECT_FALSE(parsed("network:\n  version: 2\n  ethernets: {}\n").network_config) << "no config key";
  // system_info's network is not the top-level key.
  EXPECT_FALSE(parsed("system_info:\n  network:\n    renderers: [netplan]\n").network_config);
  CloudConfig hostname = parsed("preserve_hostname: false\nmanage_etc_hosts: localhost\n");
  EXPECT_EQ(hostname.preserve_hostname, "false");
  EXPECT_EQ(hostname.manage_etc_hosts, "localhost");
  EXPECT_EQ(parsed("preserve_hostname: True # keep it\n").preserve_hostname, "True");
}

TEST(ParseCloudConfig, FilesYamlCppRejectsAreReadLineByLineOrNotAtAll) {
  // Debian's and Ubuntu's 05_logging.cfg: nothing of ours, not parsed.
  Result<CloudConfig> logging = parse_cloud_config(testing::kUbuntu2204Logging);
  ASSERT_TRUE(logging) << logging.error().message;
  EXPECT_FALSE(logging->datasource_list || logging->network_config || logging->preserve_hostname);
  // The same file with our keys on one line each: read without the YAML parser.
  std::string with_keys =
      std::string(testing::kUbuntu2204Logging) +
      "network: {config: disabled}\npreserve_hostname: true\ndatasource_list: [ AliYun ]\n";
  CloudConfig lines = parsed(with_keys);
  EXPECT_EQ(lines.network_config, "disabled");
  EXPECT_EQ(lines.preserve_hostname, "true");
  EXPECT_EQ(lines.datasource_list, std::vector<std::string>{"AliYun"});
  // A block value cannot be read that way: the YAML error stands.
  EXPECT_FALSE(
      parse_cloud_config(std::string(testing::kUbuntu2204Logging) + "network:\n  config: disabled\n"));
}

TEST(CloudInitBooleans, AsTranslateBoolReadsThem) {
  for (const char* yes : {"true", "True", "yes", "on", "1"}) EXPECT_TRUE(cloud_init_true(yes)) << yes;
  for (const char* no : {"false", "no", "off", "0", "", "y", "disabled"})
    EXPECT_FALSE(cloud_init_true(no)) << no;
}

TEST(MergeCloudConfig, CloudCfgFirstThenTheDirectoryByNameLaterWins) {
  EffectiveCloudConfig merged = merge_cloud_config({
      {"/etc/cloud/cloud.cfg.d/99_zzz.cfg", "preserve_hostname: false\n"},
      {"/etc/cloud/cloud.cfg.d/99-image-agent-hostname.cfg",
       "preserve_hostname: true\nmanage_etc_hosts: false\n"},
      {"/etc/cloud/cloud.cfg",
       "preserve_hostname: true\nmanage_etc_hosts: true\nnetwork: {config: disabled}\n"},
      {"/etc/cloud/cloud.cfg.d/50-net.cfg", "network:\n  version: 2\n  ethernets: {}\n"},
      {"/etc/cloud/cloud.cfg.d/bad.cfg", "network: [\n"},
  });
  ASSERT_TRUE(merged.preserve_hostname);
  EXPECT_EQ(merged.preserve_hostname->source, "/etc/cloud/cloud.cfg.d/99_zzz.cfg") << "'_' sorts after '-'";
  EXPECT_FALSE(merged.hostname_preserved());
  EXPECT_FALSE(merged.etc_hosts_managed());
  EXPECT_EQ(merged.manage_etc_hosts->source, "/etc/cloud/cloud.cfg.d/99-image-agent-hostname.cfg");
  // A later network map without `config` keeps the earlier `config`: maps merge key by key.
  EXPECT_TRUE(merged.network_disabled());
  EXPECT_EQ(merged.network_config->source, "/etc/cloud/cloud.cfg");
  ASSERT_EQ(merged.errors.size(), 1U);
  EXPECT_EQ(merged.errors.front().rfind("/etc/cloud/cloud.cfg.d/bad.cfg: line ", 0), 0U)
      << merged.errors.front();
}

TEST(ReadCloudConfig, Ubuntu2204CloudImage) {
  TempDir dir;
  testing::write_ubuntu_2204_cloud_init(dir.path());
  write_file(dir / "etc/cloud/cloud.cfg.d/90_dpkg.cfg.dpkg-old", "datasource_list: [ Ec2 ]\n");
  Result<RootFs> fs = RootFs::open(dir.path());
  ASSERT_TRUE(fs);
  EXPECT_EQ(find_cloud_init(*fs), "/usr/bin/cloud-init");
  std::vector<std::string> errors;
  std::vector<CloudConfigFile> files = read_cloud_config_files(*fs, &errors);
  EXPECT_TRUE(errors.empty());
  std::vector<std::string> paths;
  for (const CloudConfigFile& file : files) paths.push_back(file.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"/etc/cloud/cloud.cfg", "/etc/cloud/cloud.cfg.d/05_logging.cfg",
                                             "/etc/cloud/cloud.cfg.d/90_dpkg.cfg"}));
  EffectiveCloudConfig merged = merge_cloud_config(files);
  EXPECT_TRUE(merged.errors.empty()) << merged.errors.front();
  EXPECT_FALSE(merged.network_disabled());
  EXPECT_FALSE(merged.hostname_preserved());
  EXPECT_EQ(merged.preserve_hostname->source, "/etc/cloud/cloud.cfg");
  EXPECT_FALSE(merged.etc_hosts_managed());
  ASSERT_TRUE(merged.datasource_list);
  EXPECT_EQ(merged.datasource_list->source, "/etc/cloud/cloud.cfg.d/90_dpkg.cfg");
  EXPECT_EQ(merged.datasource_list->value.size(), 28U);

  TempDir empty;
  Result<RootFs> none = RootFs::open(empty.path());
  EXPECT_EQ(find_cloud_init(*none), "");
  EXPECT_TRUE(read_cloud_config_files(*none, &errors).empty());
}

}  // namespace
}  // namespace image_agent::guest

#include "guest/cloud_credentials.h"

#include <array>

namespace image_agent::guest {
namespace {

// Whole directories where a tool keeps keys or tokens in more than one file: ~/.aws has
// keys in config as well as in credentials, and SSO and CLI tokens under sso/cache and
// cli/cache; the Azure CLI and gcloud keep token caches and databases beside their
// settings.
constexpr std::array<CloudCredential, 7> kCloudCredentials{{
    {".aliyun", true, "Alibaba Cloud CLI AccessKeys (config.json)"},
    {".aws", true, "AWS access keys (credentials, config) and SSO/CLI tokens (sso/cache, cli/cache)"},
    {".azure", true, "Azure CLI tokens (msal_token_cache) and service principals"},
    {".config/gcloud", true, "Google Cloud SDK credentials and access tokens"},
    {".oci", true, "OCI CLI API signing keys (config, *.pem)"},
    {".kube/config", false, "Kubernetes cluster credentials (tokens, client keys)"},
    {".docker/config.json", false, "container registry logins (auths)"},
}};

}  // namespace

std::span<const CloudCredential> cloud_credentials() {
  return kCloudCredentials;
}

}  // namespace image_agent::guest

#pragma once

// Every operation, one per file; registry.cpp lists them in the order they run.
#include "sysprep/operation.h"

namespace image_agent::sysprep::ops {

extern const Operation kSshHostKeys;
extern const Operation kMachineId;
extern const Operation kShellHistory;
extern const Operation kSshUserKeys;
extern const Operation kSshAuthorizedKeys;
extern const Operation kCloudCredentials;
extern const Operation kLogs;
extern const Operation kDhcpLeases;
extern const Operation kNetRules;
extern const Operation kNetworkProfiles;
extern const Operation kIfcfgHwaddr;
extern const Operation kCloudInitState;
extern const Operation kAccountBackups;
extern const Operation kTmpFiles;
extern const Operation kPackageCache;
extern const Operation kRandomSeed;
extern const Operation kUserAccounts;

}  // namespace image_agent::sysprep::ops

#pragma once

// What counts as a private key in ~/.ssh: the same rules as sysprep's ssh-user-keys
// operation (sysprep/text_rules.cpp, operations/ssh_user_keys.cpp), so a tree sysprep
// cleaned has none left (a test holds the two to the same answers).
#include <string_view>

namespace image_agent::precheck {

/// PEM "-----BEGIN ... PRIVATE KEY-----" on a line of its own, or PuTTY's .ppk format.
bool looks_like_private_key(std::string_view content);

/// ssh-keygen's names: id_* except *.pub, and SSH1's "identity".
bool named_like_private_key(std::string_view name);

}  // namespace image_agent::precheck

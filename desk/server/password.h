// Staff passwords: argon2id through libsodium's crypto_pwhash_str (the salt and the cost
// are stored in the hash string itself).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace nb::desk {

inline constexpr std::size_t kMinPasswordChars = 10;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// Refuses too short or too long passwords with a message for the person choosing one.
Status check_new_password(std::string_view password);

Result<std::string> hash_password(std::string_view password);

enum class PasswordMatch { Yes, No };
PasswordMatch verify_password(std::string_view password, const std::string& stored_hash);

// A hash of no password at all, to spend the same time on an unknown user as on a known one.
const std::string& dummy_hash();

}  // namespace nb::desk

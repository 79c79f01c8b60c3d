// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps,
// 6 digits — what every authenticator app does by default. HMAC-SHA1 comes from OpenSSL's
// libcrypto (libsodium has no SHA-1), which cpp-httplib links anyway.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nb::desk::totp {

inline constexpr std::int64_t kStepSeconds = 30;

// 20 random bytes as base32 (no padding), the form authenticator apps take.
std::string new_secret();

std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);

// The 6-digit code for step `counter` (RFC 4226 section 5.3).
std::string hotp(std::string_view key, std::uint64_t counter);

// The step `code` belongs to, accepting one step of clock drift either side, or nullopt.
// The caller refuses a step at or before the last one used (a code works once).
std::optional<std::int64_t> matching_step(const std::string& secret_base32, std::string_view code,
                                          std::int64_t unix_seconds);

// otpauth://totp/ISSUER:NAME?secret=…&issuer=ISSUER, for a QR code or to type in.
std::string provisioning_uri(const std::string& issuer, const std::string& account, const std::string& secret_base32);

}  // namespace nb::desk::totp

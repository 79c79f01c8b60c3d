// Signed board requests and doorbells (docs/fleet.md): the checks on a board's headers (the
// bytes signed are sign/fleet_bytes.h's, shared with the board), and Ed25519 over raw base64 (not the .sig file format: these
// travel in headers and MQTT payloads). Pure but for libsodium; tests give it the time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sign/sign.h"

namespace nb::desk::fleet {

inline constexpr std::int64_t kClockSkewS = 300;  // |X-Board-Time − now| allowed

struct BoardHeaders {
    std::string board, time, nonce, signature;
};

// The checks that need no body and no database: every header present and well formed, the
// time within kClockSkewS of `now`. The error says which header is wrong.
std::optional<std::string> check_board_headers(const BoardHeaders& h, std::int64_t now);

// A board id: core/ids.h's rule, and not starting with '.' (it names a file and a topic).
bool is_board_id(const std::string& id);

// Base64 (standard, padded) of a 32-byte Ed25519 public key → the key; nullopt otherwise.
std::optional<sign::PublicKey> parse_board_key(const std::string& base64);

bool verify_detached(const sign::PublicKey& key, const std::string& message, const std::string& signature_base64);
std::string sign_detached(const sign::SecretKey& key, const std::string& message);  // base64

}  // namespace nb::desk::fleet

// Signed board requests and doorbells (docs/fleet.md): the exact bytes each side signs, the
// checks on a board's headers, and Ed25519 over raw base64 (not the .sig file format: these
// travel in headers and MQTT payloads). Pure but for libsodium; tests give it the time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sign/sign.h"

namespace nb::desk::fleet {

inline constexpr std::int64_t kClockSkewS = 300;  // |X-Board-Time − now| allowed

// "newsboard-board-v1\n" METHOD "\n" PATH "\n" TIME "\n" NONCE "\n" hex(sha256(body))
std::string board_request_message(const std::string& method, const std::string& path, const std::string& time,
                                  const std::string& nonce, const std::string& body);

// "newsboard-doorbell-v1\n" G "\n" ID "\n" N "\n" SHA256 "\n" UPDATED
std::string doorbell_message(const std::string& group, const std::string& playlist_id, std::int64_t edition,
                             const std::string& sha256, const std::string& updated);

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

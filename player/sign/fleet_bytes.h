// The exact bytes the fleet signs (docs/fleet.md), in one place for both ends: the board
// signs its requests and verifies doorbells with these, the desk verifies requests and signs
// doorbells with the same functions, so the two can never drift apart. Pure.
#pragma once

#include <string>

namespace nb::sign {

// A board's request to the desk:
//   "newsboard-board-v1\n" METHOD "\n" PATH "\n" TIME "\n" NONCE "\n" hex(sha256(body))
// TIME is X-Board-Time as sent (unix seconds in decimal); PATH the desk's API path.
std::string board_request_bytes(const std::string& method, const std::string& path, const std::string& time,
                                const std::string& nonce, const std::string& body);

// The desk's doorbell:
//   "newsboard-doorbell-v1\n" G "\n" ID "\n" N "\n" SHA256 "\n" UPDATED
std::string doorbell_bytes(const std::string& group, const std::string& playlist_id, long long edition,
                           const std::string& sha256, const std::string& updated);

}  // namespace nb::sign

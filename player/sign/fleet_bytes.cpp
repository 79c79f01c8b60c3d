#include "sign/fleet_bytes.h"

#include "core/sha256.h"

namespace nb::sign {

std::string board_request_bytes(const std::string& method, const std::string& path, const std::string& time,
                                const std::string& nonce, const std::string& body) {
    return "newsboard-board-v1\n" + method + "\n" + path + "\n" + time + "\n" + nonce + "\n" + sha256_hex(body);
}

std::string doorbell_bytes(const std::string& group, const std::string& playlist_id, long long edition,
                           const std::string& sha256, const std::string& updated) {
    return "newsboard-doorbell-v1\n" + group + "\n" + playlist_id + "\n" + std::to_string(edition) + "\n" + sha256 +
           "\n" + updated;
}

}  // namespace nb::sign

// A board's status as it comes off the broker (docs/fleet.md, topic newsboard/board/ID/status):
// anyone who can write to the broker can send anything, so the payload is size-limited,
// parsed without exceptions, checked field by field and rebuilt from the known fields only.
// Pure; nothing here throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace nb::desk::fleet {

inline constexpr std::size_t kMaxStatusBytes = 16 * 1024;

struct CleanStatus {
    std::string board;
    std::string group;         // "" when the board named none (an offline will)
    bool online = false;
    std::optional<std::int64_t> at;  // the board's own "at", unix seconds
    std::string json;          // the rebuilt payload (online statuses), for the fleet page
};

// The board id in `topic` ("newsboard/board/ID/status"), or nullopt.
std::optional<std::string> board_of_topic(const std::string& topic);

// The status when `payload` is a valid one from the board `topic` names; nullopt otherwise.
std::optional<CleanStatus> parse_status(const std::string& topic, const std::string& payload);

}  // namespace nb::desk::fleet

// The fleet's tables in the desk's database (schema in store.cpp): boards and their keys,
// their last status, the nonces of signed board requests, proof of play and alert settings.
// Free functions over Store's one connection, so the fleet stays out of store.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fleet_alert.h"
#include "store.h"

namespace nb::desk::fleet {

enum class BoardState { Pending, Approved, Revoked };
const char* to_string(BoardState s);

struct Board {
    std::string id;
    std::string group;
    std::string key;  // base64 of the 32-byte Ed25519 public key
    BoardState state = BoardState::Pending;
    std::int64_t enrolled_at = 0;
    std::string decided_by;
    std::int64_t decided_at = 0;
    std::string conflict_key;  // another key that tried to enrol under this id
    std::int64_t conflict_at = 0;
    std::string screenshot_type;  // "" none, "jpg", "png"
    std::int64_t screenshot_at = 0;
};

// A status as the broker last told it, already validated (board_status.h).
struct StoredStatus {
    std::string board;
    std::string group;
    bool online = false;
    std::int64_t seen = 0;  // unix seconds the board was last heard online; 0 never
    std::string status;     // the clean JSON of the last online status, "" none
};

struct Play {
    std::string uuid, board, item, playlist, sha256, start;  // start: RFC 3339 UTC
    std::int64_t duration_ms = 0;
};

enum class EnrolOutcome { Added, Known, Conflict, Full };

// Most boards the desk keeps (enrolled, or only heard of on the broker): a flood of made-up
// ids cannot grow the database without bound.
inline constexpr std::int64_t kMaxBoards = 20000;

EnrolOutcome enrol(Store& store, const std::string& id, const std::string& key, const std::string& group, std::int64_t now);
std::optional<Board> board(Store& store, const std::string& id);
std::vector<Board> boards(Store& store);
// False when there is no such board.
bool decide(Store& store, const std::string& id, BoardState state, const std::string& user, std::int64_t now);
void forget(Store& store, const std::string& id);
void set_screenshot(Store& store, const std::string& id, const std::string& type, std::int64_t now);

// Records a signed request's nonce; false when it was already seen within the replay window.
bool remember_nonce(Store& store, const std::string& nonce, std::int64_t now);

struct PlaysAdded {
    int accepted = 0;
    int duplicates = 0;
};
PlaysAdded add_plays(Store& store, const std::vector<Play>& plays, std::int64_t now);

// Writes a batch of statuses in one transaction; an offline one keeps the last online status
// and when it was seen.
void put_statuses(Store& store, const std::vector<StoredStatus>& batch);
std::vector<StoredStatus> statuses(Store& store);

struct PlayCount {
    std::string item, board, hour;  // hour: "2026-12-04T10:00:00Z"
    std::int64_t plays = 0;
    std::int64_t duration_ms = 0;
};
// Plays whose start hour is in [from_hour, to_hour), counted per item, board and hour.
std::vector<PlayCount> play_report(Store& store, const std::string& from_hour, const std::string& to_hour,
                                   const std::string& board_filter, std::size_t limit);

AlertRule alert_rule(Store& store, const std::string& group);
void set_alert_rule(Store& store, const std::string& group, const AlertRule& rule);

}  // namespace nb::desk::fleet

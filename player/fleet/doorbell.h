// The MQTT doorbell (docs/fleet.md): a hint from the desk that a group has a new edition.
// Judged here, as pure data, before anything acts on it: the board syncs at once only for a
// doorbell signed by a trusted key, for its own group and playlist, naming an edition newer
// than the one it holds. Everything else is ignored, so a hostile broker costs latency only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "sign/sign.h"

namespace nb::fleet {

inline constexpr std::size_t kMaxDoorbellBytes = 4096;

enum class Verdict {
    Ring,          // sync now
    Malformed,     // not the doorbell's JSON
    Unsigned,      // no "sig"
    NoKey,         // the board trusts no key (one it could not read): it checks nothing
    BadSignature,  // not signed by a trusted key
    OtherGroup,    // for another group
    OtherPlaylist, // for another playlist id
    AlreadyHave,   // names the sha256 the board holds
    Replay,        // "updated" not newer than the board's
};

const char* to_string(Verdict v);

// What the board holds now (its sync's playlist); empty before the first.
struct Held {
    std::string playlist_id;
    std::string sha256;
    std::optional<TimePoint> updated;
};

struct Doorbell {
    std::string group, playlist_id, sha256, updated;
    long long edition = 0;
};

struct Judgement {
    Verdict verdict = Verdict::Malformed;
    std::optional<Doorbell> doorbell;  // when it parsed
};

// `group`: the board's; `playlist_id`: the one it takes (empty: the held one's, or any).
// Never throws.
Judgement judge(std::string_view payload, const std::string& group, const std::string& playlist_id,
                const std::vector<sign::PublicKey>& trusted, const Held& held) noexcept;

// The bytes the desk signs (sign/fleet_bytes.h's doorbell_bytes) for this doorbell.
std::string signed_bytes(const Doorbell& d);

}  // namespace nb::fleet

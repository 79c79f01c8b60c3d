// The --status file: what a fleet monitor reads and tests assert on, rewritten atomically
// whenever it changes. "sync" is null for a local playlist file.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nb::show {

// The sync of a remote playlist, as a fleet monitor wants it. Times are RFC 3339 UTC.
struct SyncReport {
    std::string last_attempt;                 // empty before the first attempt ends
    std::string result;                       // "updated", "unchanged" or "failed"
    std::optional<std::string> last_success;  // the last attempt that was not "failed"
    std::optional<std::string> validator;     // the ETag (or Last-Modified) the board holds
    std::optional<std::string> error;         // of the last attempt; with a hint
    long long next_in_s = 0;                  // when it tries again
    unsigned long long bytes = 0;             // received by the last attempt, headers included
    double elapsed_ms = 0;                    // the last attempt's time on the wire
    bool authenticated = false;               // trusted keys are set: only signed content
    // The playlist the sync holds (it goes on screen at the next slide boundary).
    std::optional<std::string> playlist_id, playlist_updated, playlist_sha256;
    // The sha256 of an edition that crash-looped the player and is kept off screen.
    std::optional<std::string> quarantined;
};

struct StatusInfo {
    std::string mode;  // "play" or "preview"
    std::string source;
    std::string board_id;
    std::optional<std::string> playlist_id, playlist_updated, playlist_sha256;
    std::optional<std::string> item_id;  // on screen; nothing on the standby screen
    int page = 0, pages = 0;
    bool standby = false;
    bool paused = false;
    std::optional<std::string> display_off_until;  // "06:00" while display-off darkens the panel
    // "on"; in the display-off hours "off" (the panel's power, DRM DPMS) or "black" (no switch).
    std::string panel = "on";
    std::optional<std::string> last_error;
    std::optional<SyncReport> sync;
    // The sha256 of an edition kept off screen after it crash-looped the player, from a URL
    // (also in sync.quarantined) or a local file.
    std::optional<std::string> quarantined;
    // The configuration's warnings (located "FILE:LINE:COL: warning: …" where they can be): what
    // the board left out to keep playing.
    std::vector<std::string> warnings;
};

std::string status_json(const StatusInfo& s);

}  // namespace nb::show

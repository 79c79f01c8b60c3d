// Proof of play (docs/fleet.md): one record per page shown, and the rule that turns the frame
// loop's stream of statuses into those records. Pure data; the clock is passed in.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "show/status.h"

namespace nb::fleet {

struct Play {
    std::string uuid;  // uuid4: the desk keeps each once
    std::string board, item, playlist, sha256;
    std::string start;  // RFC 3339 UTC
    long long duration_ms = 0;
};

// One JSONL line, without its newline.
std::string play_line(const Play& p);
// A line of the journal back, or nothing for a torn or foreign line.
std::optional<Play> parse_play_line(const std::string& line);

// A random version-4 UUID (libsodium's generator).
std::string uuid4();

// Watches the statuses: a page counts from the moment it is on screen to the moment
// something else is (another page, the standby screen, display-off, the end).
class PlayTracker {
  public:
    using Mono = std::chrono::steady_clock::time_point;
    explicit PlayTracker(std::string board) : board_(std::move(board)) {}
    // The play that just ended, when the page on screen changed.
    std::optional<Play> observe(const show::StatusInfo& s, TimePoint wall, Mono mono);
    // The page on screen at the end, as a play.
    std::optional<Play> finish(Mono mono);

  private:
    struct Shown {
        std::string item, playlist, sha256;
        int page = 0;
        TimePoint wall{};
        Mono since{};
    };
    std::optional<Play> end(Mono mono);
    std::string board_;
    std::optional<Shown> shown_;
};

}  // namespace nb::fleet

// Proof of play (docs/fleet.md): one record per page shown (show::PageShown, from the frame
// loop's observer), as the journal keeps it. Pure data.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

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

}  // namespace nb::fleet

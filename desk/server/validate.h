// A draft checked by the boards' own parser and validation (player/playlist), its problems
// turned into what the page shows at each field: {"severity", "error", "at": "items[2].image"}.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api.h"
#include "core/diagnostic.h"
#include "playlist/model.h"

namespace nb::desk {

struct Problem {
    Severity severity = Severity::Error;
    std::string at;       // "items[2].image"; "" for the playlist as a whole
    std::string message;  // without the path
    int line = 0, column = 0;
};

struct Checked {
    std::optional<playlist::Playlist> playlist;  // nullopt: refused as a whole
    std::vector<Problem> problems;
    bool publishable() const;                    // parsed, and no errors at all
};

// `public_path` is where the playlist would be published (DIR/public/G.json): media resolve
// against it, exactly as they will on a board.
Checked check_playlist(const std::string& bytes, const std::string& public_path);

// "items[2].duration: expected …" → {"items[2].duration", "expected …"}; no path → {"", message}.
std::pair<std::string, std::string> split_path(const std::string& message);

Json problems_json(const std::vector<Problem>& problems);

}  // namespace nb::desk

// The --status file: what a fleet monitor reads and tests assert on, rewritten atomically
// whenever it changes. The sync fields stay null until the sync module fills them.
#pragma once

#include <optional>
#include <string>

namespace nb::show {

struct StatusInfo {
    std::string mode;  // "play" or "preview"
    std::string source;
    std::string board_id;
    std::optional<std::string> playlist_id, playlist_updated, playlist_sha256;
    std::optional<std::string> item_id;  // on screen; nothing on the standby screen
    int page = 0, pages = 0;
    bool standby = false;
    bool paused = false;
    std::optional<std::string> last_error;
};

std::string status_json(const StatusInfo& s);

}  // namespace nb::show

// Writes what is on screen where people look: one line for `systemctl status` (STATUS= to
// systemd) and the --status file (show/status.h), each only when it changed, the file
// atomically. The frame loop calls it a few times a second at most.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/service.h"
#include "show/showing.h"
#include "show/status.h"

namespace nb::show {

// What the status file says besides the screen: who the board is and what it fetches.
struct StatusContext {
    std::string mode;  // "play" or "preview"
    std::string source;
    std::string board_id;
    std::optional<std::string> last_error;
    std::optional<SyncReport> sync;
    std::string panel = "on";  // "off" (DPMS) or "black" in the display-off hours
    std::vector<std::string> warnings = {};  // LoopConfig::warnings
};

// The status file's content for `s` (pure; status_json() does the writing of the text).
StatusInfo status_info(const Showing& s, StatusContext context);

class StatusWriter {
  public:
    // `file`: the --status path, empty for none.
    StatusWriter(const platform::ServiceNotifier& service, std::string file);
    void write(const Showing& s, StatusContext context);

  private:
    const platform::ServiceNotifier& service_;
    std::string file_;
    std::string line_written_, json_written_;
};

}  // namespace nb::show

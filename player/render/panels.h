// Screens that are not items: the calm standby a board shows when nothing is eligible (never
// black), and preview's overlay with what is on screen.
#pragma once

#include <string>
#include <vector>

#include "render/slide.h"

namespace nb::render {

struct StandbyInfo {
    std::string board_id;  // empty: not configured
    std::string source;    // where the board gets its content
    std::string reason;    // one line: "nothing scheduled now", "no valid playlist yet" …
};

// A full page (paper, the time in large figures, the board and its source).
Scene standby_scene(const SlideContext& ctx, TimePoint now, const StandbyInfo& info);

// A translucent box in the top-left corner with one line per entry.
Scene overlay_scene(const SlideContext& ctx, const std::vector<std::string>& lines);

}  // namespace nb::render

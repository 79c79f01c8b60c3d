// What the frame loop is told by play and preview (app/show_command.cpp): the board's size and
// mode, its clocks, the display-off hours, who listens, test hooks. Its own header because the
// show's display-free half (show/stage.h) starts from it before the loop (show/loop.h) exists.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "show/director.h"
#include "show/drift_painter.h"
#include "show/preparer.h"
#include "show/showing.h"

namespace nb::show {

// Whether frames are drawn. Skipped: `play --headless`, whose frames nobody sees. The board
// decides, times, reports and logs every page as one with a screen does; it only leaves out
// the pixels (page textures, the crossfade's frames, the ticker), which were about a sixth of
// a headless board's CPU for an edition switch in the 500-board fleet test.
enum class Pixels { Drawn, Skipped };

struct LoopConfig {
    Mode mode = Mode::Kiosk;
    int width = 1920, height = 1080;
    std::string board_id;
    std::string status_file;  // empty: none
    std::chrono::milliseconds transition{800};
    std::function<TimePoint()> wall_clock = [] { return nb::now(); };  // schedules and the clock
    // Slide times, transitions, the ticker, rate limits: every `now` of the loop. Tests run it
    // (and wall_clock) `clock_rate` times faster than real time (app/test_clock.h); the loop's
    // sleeps and its frame-rate floor are real time, so they are divided by the rate.
    std::function<std::chrono::steady_clock::time_point()> clock = [] { return std::chrono::steady_clock::now(); };
    double clock_rate = 1.0;
    // display-off (show/display_off.h): while it gives a time, the panel stays black until
    // then ("06:00"), nothing is drawn or prepared, and the status says so.
    std::function<std::optional<std::string>(TimePoint)> display_off;
    // Whether NTP has set the system clock; until it has, schedules are judged no earlier than
    // the newest `updated` seen (show/schedule_clock.h). play and preview ask the kernel.
    std::function<bool()> clock_synchronised = [] { return true; };
    // Still: gallery pictures never pan and zoom, even on a GPU (--still-pictures).
    Motion motion = Motion::Drift;
    Pixels pixels = Pixels::Drawn;
    // Told what is on screen and each page that stood there (proof of play); called on the
    // loop's thread and must not block. Null: nobody listens.
    ShowObserver* observer = nullptr;
    PrepareFault prepare_fault;  // a test hook (NEWSBOARD_TEST_PREPARE), never set on a board
    // The configuration's warnings (an ignored line, the desk left out): in the status file for
    // as long as the board runs, so a fleet monitor sees them, not only the journal.
    std::vector<std::string> warnings;
};

}  // namespace nb::show

// The frame loop shared by `play` and `preview`: a short list of named steps, and a sleep
// until the earliest deadline when nothing moves, so a standing slide costs no CPU.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>

#include "platform/display.h"
#include "show/content.h"
#include "show/loop_config.h"
#include "show/stage.h"
#include "text/cascade.h"

namespace nb::show {

// `d` on the loop's clock in real time: sleeps are real, the clock may run `rate` times
// faster (tests).
std::chrono::milliseconds real_time(std::chrono::steady_clock::duration d, double rate);

// Runs until `stop` is set (a signal) or, in preview, the window is closed or Q/Esc pressed,
// taking over `stage` (made with the same fonts, content and config before the display opened).
// Returns an exit code (0, or 3 when the display fails).
int run_loop(platform::Display& display, const text::FontCascade& fonts, ContentSource& content,
             const LoopConfig& config, std::unique_ptr<Stage> stage, const std::atomic<bool>& stop);

}  // namespace nb::show

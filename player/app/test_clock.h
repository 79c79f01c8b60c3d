// A test hook, not a user option: tests that need days of slide changes in minutes, or a
// wall clock at a chosen instant, set it in the environment of `play` or `preview`:
//   NEWSBOARD_CLOCK_RATE=R        the loop's clocks run R times faster than real time
//   NEWSBOARD_CLOCK_START=TIME    the wall clock starts at TIME (RFC 3339), not at now
//   NEWSBOARD_CLOCK_SYNCHRONISED=1|0  the clock counts as set by NTP, or not, whatever the
//                                 kernel says (show/schedule_clock.h)
// Both clocks count from the moment the command starts. Boards never set them.
#pragma once

#include "core/result.h"
#include "show/loop.h"

namespace nb::app {

// Sets `config`'s clocks from the environment; an error when a value does not parse.
Status apply_test_clock(show::LoopConfig& config);

}  // namespace nb::app

// NEWSBOARD_STARTUP_LOG=1: each step of start-up on stderr with the milliseconds since the
// process began and its CPU time so far ("startup: 41.2 ms fonts (cpu 30.5 ms)"), to see what
// comes before the first slide. Off, it costs one getenv. Thread-safe.
// NEWSBOARD_STARTUP_LOG=<CLOCK_REALTIME nanoseconds>: the milliseconds since that moment
// instead, a harness's launch time (tests/bench/first_paint.py), so the steps line up with
// its clock and include what came before the process (fork, exec).
#pragma once

namespace nb::startup_log {

void mark(const char* step);
// Marks `step` the first time any caller passes it in this process (by address: a literal).
void mark_once(const char* step);

}  // namespace nb::startup_log

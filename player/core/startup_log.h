// NEWSBOARD_STARTUP_LOG=1: each step of start-up on stderr with the milliseconds since the
// process began and its CPU time so far ("startup: 41.2 ms fonts (cpu 30.5 ms)"), to see what
// comes before the first slide. Off, it costs one getenv. Thread-safe.
#pragma once

namespace nb::startup_log {

void mark(const char* step);
// Marks `step` the first time any caller passes it in this process (by address: a literal).
void mark_once(const char* step);

}  // namespace nb::startup_log

// Every thread's entry runs through run_guarded(): whatever escapes it (std::bad_alloc, a bug,
// a library that throws on odd input) is logged with the thread's name instead of reaching
// std::terminate, which would take the board dark until systemd restarts it.
#pragma once

#include <functional>

namespace nb {

// Runs `body`; true when it returned, false when it threw (logged to stderr as
// "newsboard: error: THREAD: WHAT").
bool run_guarded(const char* thread, const std::function<void()>& body) noexcept;

// What an exception in flight says, for a log line; call only inside a catch block.
const char* what_of_current_exception() noexcept;

}  // namespace nb

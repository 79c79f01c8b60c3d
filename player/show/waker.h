// Wakes the frame loop from any thread: the signal thread, the prepare worker, the sync thread,
// inotify. SDL_WaitEventTimeout sleeps properly only where the video driver can be woken
// (x11, wayland); on KMSDRM — every board — and the offscreen driver, SDL 2.26 polls every
// millisecond instead: about 1,000 wake-ups a second on a slide that stands still. There the
// loop sleeps on this eventfd and then takes SDL's events without waiting.
#pragma once

#include <chrono>

namespace nb::show {

// Pushes an SDL event (for the drivers SDL can wake) and signals the eventfd. Thread-safe.
void wake_loop();

// Sleeps until wake_loop() is called or `timeout` passes; a wake that came before the call
// counts. For the loop's thread only.
void sleep_until_woken(std::chrono::milliseconds timeout);

// True when SDL's own wait sleeps on this video driver.
bool sdl_wait_sleeps(const char* video_driver);

}  // namespace nb::show

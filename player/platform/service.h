// systemd's notify protocol for the board's service (Type=notify, WatchdogSec=): READY=1 once
// the first frame is on screen, and WATCHDOG=1 only after a frame was really presented — a
// lost page flip in SDL 2.26's KMSDRM blocks the present forever, and then the pings stop and
// systemd restarts the board — and only while every other thread that has work makes progress
// (core/liveness.h: the prepare worker, the sync thread). Does nothing outside systemd (no
// $NOTIFY_SOCKET).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/liveness.h"

namespace nb::platform {

class ServiceNotifier {
  public:
    using Clock = std::chrono::steady_clock;

    ServiceNotifier();  // reads $NOTIFY_SOCKET and $WATCHDOG_USEC through libsystemd

    // Call after each present that returned. The first says READY=1; then as alive().
    void frame_presented(Clock::time_point now, Liveness& liveness = Liveness::process());
    // The loop turned: when half the watchdog interval has passed since the last look,
    // `liveness` is asked, and a ping goes out only when no thread is stuck; else the stuck
    // ones are logged (once) and named in STATUS=. After presents while the panel shows
    // something; alone while the panel is off (display-off), when nothing is presented.
    void alive(Clock::time_point now, Liveness& liveness = Liveness::process());
    // When the loop must prove progress again (a present, the same frame will do; alive()
    // while the panel is off) so the next ping can go out; Clock::time_point::max() without a
    // watchdog.
    Clock::time_point next_frame_due() const;
    // A line for `systemctl status`.
    void status(const std::string& text) const;
    void stopping() const;

  private:
    bool ready_sent_ = false;
    std::chrono::microseconds ping_every_{0};  // half of WatchdogSec; 0: no watchdog
    Clock::time_point last_look_{};
    std::vector<std::string> withheld_;  // the threads that were stuck at the last look
};

}  // namespace nb::platform

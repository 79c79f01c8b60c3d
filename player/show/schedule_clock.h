// The instant schedules are judged at. A Pi has no real-time clock: after a power cut it boots
// at fake-hwclock's last save (or in 1970) until NTP answers, and a notice that expired
// yesterday would come back. Until the system clock is synchronised, schedules therefore use
// the later of the clock and the newest `updated` the board has seen (the playlists it took,
// and the high-water mark its source keeps across restarts). Once synchronised, the clock
// alone: a playlist whose `updated` lies in the future must not push the board ahead.
#pragma once

#include <functional>
#include <optional>

#include "core/time.h"

namespace nb::show {

class ScheduleClock {
  public:
    // `wall`: the system clock; `synchronised`: whether NTP has set it (asked at most once a
    // minute of `wall`, and never again once it says yes).
    ScheduleClock(std::function<TimePoint()> wall, std::function<bool()> synchronised);

    // An `updated` the board has seen; the newest counts.
    void saw(std::optional<TimePoint> updated);

    TimePoint now();

  private:
    std::function<TimePoint()> wall_;
    std::function<bool()> synchronised_;
    std::optional<TimePoint> newest_;
    bool synced_ = false;
    std::optional<TimePoint> asked_at_;
};

}  // namespace nb::show

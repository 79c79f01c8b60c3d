#include "show/schedule_clock.h"

namespace nb::show {

ScheduleClock::ScheduleClock(std::function<TimePoint()> wall, std::function<bool()> synchronised)
    : wall_(std::move(wall)), synchronised_(std::move(synchronised)) {}

void ScheduleClock::saw(std::optional<TimePoint> updated) {
    if (updated && (!newest_ || *updated > *newest_)) newest_ = updated;
}

TimePoint ScheduleClock::now() {
    const TimePoint wall = wall_();
    if (synced_ || !newest_) return wall;
    // The kernel is asked at most once a minute: the loop turns 60 times a second.
    if (!asked_at_ || wall < *asked_at_ || wall - *asked_at_ >= std::chrono::minutes(1)) {
        asked_at_ = wall;
        synced_ = synchronised_ && synchronised_();
        if (synced_) return wall;
    }
    return wall < *newest_ ? *newest_ : wall;
}

}  // namespace nb::show

#include "platform/service.h"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <cstdio>

namespace nb::platform {

ServiceNotifier::ServiceNotifier() {
    std::uint64_t usec = 0;
    // > 0 only when the watchdog is on and meant for this process (WATCHDOG_PID).
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) ping_every_ = std::chrono::microseconds(usec / 2);
}

void ServiceNotifier::frame_presented(Clock::time_point now, Liveness& liveness) {
    if (!ready_sent_) {
        sd_notify(0, "READY=1\nSTATUS=showing the board");
        ready_sent_ = true;
    }
    alive(now, liveness);
}

void ServiceNotifier::alive(Clock::time_point now, Liveness& liveness) {
    if (ping_every_.count() == 0 || now - last_look_ < ping_every_) return;
    last_look_ = now;
    auto stuck = liveness.stuck(now);
    if (stuck.empty()) {
        sd_notify(0, "WATCHDOG=1");
        withheld_.clear();
        return;
    }
    if (stuck == withheld_) return;
    std::string names;
    for (const auto& n : stuck) names += (names.empty() ? "" : ", ") + n;
    const std::string line = names + " made no progress within its deadline: the watchdog is not fed";
    std::fprintf(stderr, "newsboard: error: %s\n", line.c_str());
    status(line);
    withheld_ = std::move(stuck);
}

ServiceNotifier::Clock::time_point ServiceNotifier::next_frame_due() const {
    if (ping_every_.count() == 0) return Clock::time_point::max();
    return last_look_ + ping_every_;
}

void ServiceNotifier::status(const std::string& text) const {
    sd_notify(0, ("STATUS=" + text).c_str());
}

void ServiceNotifier::stopping() const {
    sd_notify(0, "STOPPING=1");
}

}  // namespace nb::platform

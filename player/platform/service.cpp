#include "platform/service.h"

#include <systemd/sd-daemon.h>

#include <cstdint>

namespace nb::platform {

ServiceNotifier::ServiceNotifier() {
    std::uint64_t usec = 0;
    // > 0 only when the watchdog is on and meant for this process (WATCHDOG_PID).
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) ping_every_ = std::chrono::microseconds(usec / 2);
}

void ServiceNotifier::frame_presented(Clock::time_point now) {
    if (!ready_sent_) {
        sd_notify(0, "READY=1\nSTATUS=showing the board");
        ready_sent_ = true;
    }
    if (ping_every_.count() > 0 && now - last_ping_ >= ping_every_) {
        sd_notify(0, "WATCHDOG=1");
        last_ping_ = now;
    }
}

ServiceNotifier::Clock::time_point ServiceNotifier::next_frame_due() const {
    if (ping_every_.count() == 0) return Clock::time_point::max();
    return last_ping_ + ping_every_;
}

void ServiceNotifier::status(const std::string& text) const {
    sd_notify(0, ("STATUS=" + text).c_str());
}

void ServiceNotifier::stopping() const {
    sd_notify(0, "STOPPING=1");
}

}  // namespace nb::platform

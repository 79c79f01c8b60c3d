#include "app/test_clock.h"

#include <chrono>
#include <cstdlib>
#include <string>

namespace nb::app {

Status apply_test_clock(show::LoopConfig& config) {
    // Whether the clock counts as set by NTP (the same hook sync's `updated` check takes).
    if (const char* v = std::getenv("NEWSBOARD_CLOCK_SYNCHRONISED"); v && *v) {
        const bool yes = std::string(v) == "1";
        config.clock_synchronised = [yes] { return yes; };
    }
    const char* rate_text = std::getenv("NEWSBOARD_CLOCK_RATE");
    const char* start_text = std::getenv("NEWSBOARD_CLOCK_START");
    if (!rate_text && !start_text) return success();
    double rate = 1.0;
    if (rate_text) {
        char* end = nullptr;
        rate = std::strtod(rate_text, &end);
        if (end == rate_text || *end != '\0' || !(rate > 0.0) || rate > 1e6)
            return fail(std::string("NEWSBOARD_CLOCK_RATE: expected a number in (0, 1e6], got \"") + rate_text + "\"");
    }
    using Mono = std::chrono::steady_clock;
    const Mono::time_point origin = Mono::now();
    std::chrono::system_clock::time_point wall_origin = std::chrono::system_clock::now();
    if (start_text) {
        auto start = parse_timestamp(start_text);
        if (!start) return fail(std::string("NEWSBOARD_CLOCK_START: ") + start.error());
        wall_origin = *start;
    }
    // Both clocks are the same real interval scaled, so they never drift apart.
    auto elapsed = [origin, rate] {
        return std::chrono::duration_cast<Mono::duration>(
            std::chrono::duration<double, Mono::period>(static_cast<double>((Mono::now() - origin).count()) * rate));
    };
    config.clock_rate = rate;
    config.clock = [origin, elapsed] { return origin + elapsed(); };
    config.wall_clock = [wall_origin, elapsed] {
        return std::chrono::time_point_cast<Seconds>(
            wall_origin + std::chrono::duration_cast<std::chrono::system_clock::duration>(elapsed()));
    };
    return success();
}

}  // namespace nb::app

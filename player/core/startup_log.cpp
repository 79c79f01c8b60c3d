#include "core/startup_log.h"

#include <unistd.h>

#include <cstdio>
#include <mutex>
#include <set>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

namespace nb::startup_log {
namespace {

double seconds(clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// When the process began on CLOCK_BOOTTIME: field 22 of /proc/self/stat, in clock ticks
// (10 ms here, so the first mark is that coarse; later ones differ from it exactly).
double process_start() {
    std::ifstream in("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto paren = stat.rfind(')');
    if (paren == std::string::npos) return seconds(CLOCK_BOOTTIME);
    std::istringstream rest(stat.substr(paren + 2));
    std::string field;
    for (int i = 3; i <= 22 && rest >> field; ++i) {
    }
    return std::strtod(field.c_str(), nullptr) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// A number is the moment a harness launched the player, in CLOCK_REALTIME nanoseconds: the
// marks then line up with its own clock (the side-by-side harness's T0) to the microsecond.
// Anything else: the process's start, to the clock tick. Both on the clock seconds() reads.
double start_time(const char* setting) {
    constexpr long long kYear2001Ns = 1'000'000'000LL * 1'000'000'000LL;  // "1" is not a time
    char* end = nullptr;
    const long long t0_ns = std::strtoll(setting, &end, 10);
    if (end != setting && *end == '\0' && t0_ns > kYear2001Ns) {
        return static_cast<double>(t0_ns) * 1e-9 - seconds(CLOCK_REALTIME) + seconds(CLOCK_BOOTTIME);
    }
    return process_start();
}

}  // namespace

void mark(const char* step) {
    static const char* const setting = std::getenv("NEWSBOARD_STARTUP_LOG");
    if (setting == nullptr) return;
    static const double start = start_time(setting);
    // The process's CPU time (all threads) beside the wall clock: on a loaded machine the wall
    // clock mostly measures the wait for a core, the CPU time what start-up itself costs.
    std::fprintf(stderr, "startup: %.1f ms %s (cpu %.1f ms)\n", (seconds(CLOCK_BOOTTIME) - start) * 1000.0, step,
                 seconds(CLOCK_PROCESS_CPUTIME_ID) * 1000.0);
}

void mark_once(const char* step) {
    static std::mutex mutex;
    static std::set<const char*> seen;
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (!seen.insert(step).second) return;
    }
    mark(step);
}

}  // namespace nb::startup_log

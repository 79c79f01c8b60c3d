#include "sync/crash_loop.h"

#include <algorithm>

namespace nb::sync {

CrashRecord after_start(CrashRecord r, TimePoint now) {
    if (r.running) r.crashes.push_back({r.running->sha256, now});
    r.running.reset();
    // Outside the window either way (a clock that jumped back leaves crashes "in the future").
    r.crashes.erase(std::remove_if(r.crashes.begin(), r.crashes.end(),
                                   [now](const CrashRecord::Crash& c) {
                                       return c.at + kCrashWindow < now || c.at > now + kCrashWindow;
                                   }),
                    r.crashes.end());
    for (const auto& c : r.crashes) {
        if (c.sha256.empty() || is_quarantined(r, c.sha256)) continue;
        const auto n = std::count_if(r.crashes.begin(), r.crashes.end(),
                                     [&c](const CrashRecord::Crash& o) { return o.sha256 == c.sha256; });
        if (n >= kCrashesToQuarantine) r.quarantined.push_back(c.sha256);
    }
    return r;
}

CrashRecord started(CrashRecord r, const std::string& shown, TimePoint now) {
    r.running = CrashRecord::Run{shown, now};
    return r;
}

CrashRecord took(CrashRecord r, const std::string& sha256) {
    if (r.running) r.running->sha256 = sha256;
    return r;
}

CrashRecord lifted(CrashRecord r) {
    r.quarantined.clear();
    return r;
}

bool forgive_when_healthy(CrashRecord& r, TimePoint now) {
    if (!r.running || now - r.running->since < kHealthyAfter || r.crashes.empty()) return false;
    r.crashes.clear();
    return true;
}

CrashRecord clean_exit(CrashRecord r) {
    r.running.reset();
    return r;
}

bool is_quarantined(const CrashRecord& r, const std::string& sha256) {
    return std::find(r.quarantined.begin(), r.quarantined.end(), sha256) != r.quarantined.end();
}

}  // namespace nb::sync

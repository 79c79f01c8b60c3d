#include "show/display_off.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <memory>

namespace nb::show {
namespace {

constexpr int kDay = 24 * 60;

// "06:00" → 360; nothing unless it is exactly HH:MM with HH < 24 (24:00 is not a time here:
// "22:00-00:00" says midnight).
std::optional<int> parse_hhmm(const std::string& s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    for (int i : {0, 1, 3, 4})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool covers(const OffRange& r, int minute) {
    if (r.from <= r.until) return minute >= r.from && minute < r.until;
    return minute >= r.from || minute < r.until;  // across midnight
}

std::string hhmm(int minute) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60 % 24, minute % 60);
    return buf;
}

}  // namespace

std::optional<std::string> DisplayOff::off_until(const LocalTime& local) const {
    const int minute = local.hour * 60 + local.minute;
    std::optional<int> end;
    for (const auto& r : ranges)
        if (covers(r, minute)) end = r.until;
    if (!end) return std::nullopt;
    // Follow ranges that begin where (or before) this one ends: 23:00-02:00 with 01:00-06:00
    // is off until 06:00. Each step moves on, so at most one step per range.
    for (std::size_t steps = 0; steps < ranges.size(); ++steps) {
        bool moved = false;
        for (const auto& r : ranges)
            if (r.until != *end && covers(r, *end)) {
                end = r.until;
                moved = true;
                break;
            }
        if (!moved || *end == minute) break;
    }
    return hhmm(*end);
}

Result<DisplayOff> parse_display_off(const std::string& text) {
    DisplayOff off;
    if (trim(text).empty()) return off;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const std::string part = trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        const auto dash = part.find('-');
        const auto from = dash == std::string::npos ? std::nullopt : parse_hhmm(trim(part.substr(0, dash)));
        const auto until = dash == std::string::npos ? std::nullopt : parse_hhmm(trim(part.substr(dash + 1)));
        if (!from || !until)
            return fail("display-off takes HH:MM-HH:MM ranges separated by commas, like 23:00-06:00; got \"" + part +
                        "\"");
        if (*from == *until) return fail("display-off range \"" + part + "\" is empty: give different times");
        off.ranges.push_back({*from, *until});
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return off;
}

std::string host_time_zone() {
    std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::detectHostTimeZone());
    icu::UnicodeString id;
    if (tz) tz->getID(id);
    std::string out;
    id.toUTF8String(out);
    // ICU names an unknown host zone "Etc/Unknown"; the board then counts in UTC.
    if (out.empty() || !is_known_time_zone(out)) return "UTC";
    return out;
}

}  // namespace nb::show

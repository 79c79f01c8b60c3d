#include "fleet_alert.h"

#include <cstdio>

namespace nb::desk::fleet {

bool is_offline(bool online, std::int64_t last_seen, std::int64_t now) {
    return !online || now - last_seen > kSilentAfterS;
}

bool in_quiet_hours(const AlertRule& rule, int minute_of_day) {
    if (rule.quiet_from < 0 || rule.quiet_to < 0 || rule.quiet_from == rule.quiet_to) return false;
    if (rule.quiet_from < rule.quiet_to) return minute_of_day >= rule.quiet_from && minute_of_day < rule.quiet_to;
    return minute_of_day >= rule.quiet_from || minute_of_day < rule.quiet_to;  // past midnight
}

bool should_alert(const AlertRule& rule, bool online, std::int64_t last_seen, std::int64_t now, int minute_of_day) {
    if (!is_offline(online, last_seen, now)) return false;
    if (last_seen <= 0) return false;  // never seen: a board being set up, not one that went down
    if (now - last_seen < rule.offline_after_s) return false;
    return !in_quiet_hours(rule, minute_of_day);
}

std::optional<int> parse_clock(const std::string& t) {
    if (t.size() != 5 || t[2] != ':') return std::nullopt;
    for (int i : {0, 1, 3, 4}) {
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    }
    int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::string format_clock(int minutes) {
    if (minutes < 0) return "";
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 24, minutes % 60);
    return buf;
}

}  // namespace nb::desk::fleet

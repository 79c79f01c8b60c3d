// When a board that went quiet becomes an alert: offline for longer than its group's limit,
// except during the group's display-off hours (the board is expected to be dark then). Pure:
// the caller passes the time and the minute of the day in the desk's local time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace nb::desk::fleet {

struct AlertRule {
    std::int64_t offline_after_s = 600;
    // Display-off hours as minutes of the day [quiet_from, quiet_to), wrapping past midnight
    // (22:00–06:00); both -1: none.
    int quiet_from = -1;
    int quiet_to = -1;
};

// A board counts as offline once its last will says so, or when no status came for this
// long (boards publish at least every 60 s).
inline constexpr std::int64_t kSilentAfterS = 180;

bool is_offline(bool online, std::int64_t last_seen, std::int64_t now);
bool in_quiet_hours(const AlertRule& rule, int minute_of_day);
bool should_alert(const AlertRule& rule, bool online, std::int64_t last_seen, std::int64_t now, int minute_of_day);

// "HH:MM" → minutes of the day; nullopt for anything else.
std::optional<int> parse_clock(const std::string& text);
std::string format_clock(int minutes);

}  // namespace nb::desk::fleet

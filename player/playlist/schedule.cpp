#include "playlist/schedule.h"

namespace nb::playlist {
namespace {

// Whether the schedule's dates and weekdays admit a local calendar day.
bool day_allowed(const Schedule& s, std::int64_t days_since_epoch) {
    const CivilDate date = civil_from_days(days_since_epoch);
    if (s.from && date < *s.from) return false;
    if (s.until && *s.until < date) return false;
    return (s.weekdays >> iso_weekday(days_since_epoch)) & 1u;
}

// The exact instants alone: from (inclusive) up to, not at, until.
bool within_instants(const Schedule& s, TimePoint now) {
    return !(s.from_instant && now < *s.from_instant) && !(s.until_instant && !(now < *s.until_instant));
}

}  // namespace

// A range that crosses midnight ("22:00-02:00") belongs to the day it starts on: at 01:00
// on Tuesday it is Monday's night that is showing, so Monday's date and weekday decide.
// That is what staff mean by "Fridays 22:00-02:00", and it keeps "until" from cutting a
// night in half.
bool is_active(const Schedule& s, const LocalTime& local) {
    const std::int64_t today = days_from_civil(local.date);
    if (s.hours.empty()) return day_allowed(s, today);
    const int minute = local.hour * 60 + local.minute;
    for (const HoursRange& r : s.hours) {
        if (r.start_min < r.end_min) {
            if (minute >= r.start_min && minute < r.end_min && day_allowed(s, today)) return true;
        } else {
            if (minute >= r.start_min && day_allowed(s, today)) return true;
            if (minute < r.end_min && day_allowed(s, today - 1)) return true;
        }
    }
    return false;
}

bool is_active(const Schedule& s, TimePoint now, const LocalTime& local) {
    return within_instants(s, now) && is_active(s, local);
}

std::vector<std::size_t> eligible_items(const Playlist& p, TimePoint now) {
    // A parsed playlist always has a known zone; a hand-built one with a bad zone falls back
    // to UTC rather than showing nothing.
    auto local = to_local(now, p.timezone);
    if (!local) local = to_local(now, "Etc/UTC");
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < p.items.size(); ++i)
        if (local ? is_active(p.items[i].schedule, now, *local) : within_instants(p.items[i].schedule, now))
            out.push_back(i);
    return out;
}

}  // namespace nb::playlist

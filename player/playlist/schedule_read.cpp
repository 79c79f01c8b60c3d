#include "playlist/schedule_read.h"

#include <array>
#include <string>

#include "playlist/fields.h"
#include "playlist/limits.h"

namespace nb::playlist {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// "from" or "until": a local date, or an exact instant when a time and its offset follow.
struct Bound {
    std::optional<CivilDate> date;
    std::optional<TimePoint> instant;
};

std::optional<Bound> read_bound(Checker& c, const Node& n) {
    constexpr const char* kExpected =
        "expected a date like \"2030-01-01\" or a date and time with its offset like \"2030-01-01T06:00:00+08:00\", ";
    if (!n.json->is_string()) {
        c.error(n, kExpected + got(*n.json));
        return std::nullopt;
    }
    const std::string text = n.json->get<std::string>();
    if (text.size() <= 10) {
        if (const auto d = parse_date(text)) return Bound{d, std::nullopt};
        c.error(n, kExpected + got(*n.json));
        return std::nullopt;
    }
    auto instant = parse_timestamp(text);
    if (!instant) {
        c.error(n, kExpected + got(*n.json) + " (" + instant.error() + ")");
        return std::nullopt;
    }
    return Bound{std::nullopt, *instant};
}

// A minute of the day from "HH:MM"; 24:00 only when it is an end.
std::optional<int> parse_clock(std::string_view s, bool is_end) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    for (std::size_t i : {0, 1, 3, 4})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    const int h = (s[0] - '0') * 10 + (s[1] - '0');
    const int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59) return std::nullopt;
    if (h == 24 && m == 0 && is_end) return 24 * 60;
    if (h > 23) return std::nullopt;
    return h * 60 + m;
}

std::optional<HoursRange> read_range(Checker& c, const Node& n) {
    if (n.json->is_string()) {
        const std::string text = n.json->get<std::string>();
        if (const auto r = parse_hours(text)) {
            if (r->start_min != r->end_min) return r;
            c.error(n, "the range " + describe(*n.json) + " starts and ends at the same time; for all day leave \"hours\" out");
            return std::nullopt;
        }
    }
    c.error(n, "expected hours like \"07:00-21:00\", " + got(*n.json));
    return std::nullopt;
}

std::optional<std::uint8_t> read_weekdays(Checker& c, const Node& n) {
    if (!n.json->is_array() || n.json->empty() || n.json->size() > 7) {
        c.error(n, "expected a list of 1 to 7 days like [\"mon\", \"tue\"] or [1, 2] (1 is Monday), " +
                       got(*n.json));
        return std::nullopt;
    }
    std::uint8_t mask = 0;
    bool ok = true;
    for (const Node& day : c.elements(n)) {
        std::optional<int> index;
        if (day.json->is_string()) {
            for (std::size_t i = 0; i < kWeekdays.size(); ++i)
                if (day.json->get<std::string>() == kWeekdays[i]) index = static_cast<int>(i);
        } else if (const auto v = integer_value(*day.json)) {
            if (*v >= 1 && *v <= 7) index = static_cast<int>(*v - 1);
        }
        if (!index) {
            c.error(day, "expected \"mon\" … \"sun\" or 1 … 7 (1 is Monday), " + got(*day.json));
            ok = false;
            continue;
        }
        mask |= static_cast<std::uint8_t>(1u << *index);
    }
    if (!ok) return std::nullopt;
    return mask;
}

}  // namespace

std::optional<HoursRange> parse_hours(std::string_view text) {
    if (text.size() != 11 || text[5] != '-') return std::nullopt;
    const auto start = parse_clock(text.substr(0, 5), false);
    const auto end = parse_clock(text.substr(6, 5), true);
    if (!start || !end) return std::nullopt;
    return HoursRange{*start, *end};
}

std::optional<Schedule> read_schedule(Checker& c, const Node& n) {
    if (!n.json->is_object()) {
        c.error(n, "expected an object with \"from\", \"until\", \"weekdays\" or \"hours\", " + got(*n.json));
        return std::nullopt;
    }
    check_keys(c, n, {{"from", "until", "weekdays", "hours"}});
    Schedule s;
    bool ok = true;
    const auto from = c.member(n, "from");
    const auto until = c.member(n, "until");
    const auto from_bound = from ? read_bound(c, *from) : std::nullopt;
    const auto until_bound = until ? read_bound(c, *until) : std::nullopt;
    ok &= !from || from_bound.has_value();
    ok &= !until || until_bound.has_value();
    if (from_bound) s.from = from_bound->date, s.from_instant = from_bound->instant;
    if (until_bound) s.until = until_bound->date, s.until_instant = until_bound->instant;
    // A date "until" includes its whole day, an instant ends there; a date against an
    // instant needs the zone, and is left to the schedule itself.
    const bool backwards = (s.from && s.until && *s.until < *s.from) ||
                           (s.from_instant && s.until_instant && !(*s.from_instant < *s.until_instant));
    if (backwards) {
        c.error(*until, "the schedule ends before it starts (\"from\" is " + from->json->get<std::string>() + ")");
        ok = false;
    }
    if (const auto days = c.member(n, "weekdays")) {
        if (const auto mask = read_weekdays(c, *days))
            s.weekdays = *mask;
        else
            ok = false;
    }
    if (const auto hours = c.member(n, "hours")) {
        if (hours->json->is_string()) {
            const auto r = read_range(c, *hours);
            if (r) s.hours.push_back(*r);
            ok &= r.has_value();
        } else if (hours->json->is_array() && !hours->json->empty() &&
                   hours->json->size() <= limits::kMaxHoursRanges) {
            for (const Node& range : c.elements(*hours)) {
                const auto r = read_range(c, range);
                if (r) s.hours.push_back(*r);
                ok &= r.has_value();
            }
        } else {
            c.error(*hours, "expected hours like \"07:00-21:00\" or a list of 1 to " +
                                std::to_string(limits::kMaxHoursRanges) + " of them, " + got(*hours->json));
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return s;
}

}  // namespace nb::playlist

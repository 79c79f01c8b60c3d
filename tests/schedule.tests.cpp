// Schedules: which items are eligible at an instant, in the playlist's time zone. Every
// instant is a plain TimePoint (a fake clock); nothing here reads the real one.
#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

#include "playlist/parse.h"
#include "playlist/schedule.h"
#include "playlist/schedule_read.h"

namespace {

using namespace nb;
using namespace nb::playlist;

std::string formatted(const Diagnostics& d) {
    std::string out;
    for (const auto& x : d.all()) out += x.format() + "\n";
    return out;
}

// A playlist whose first item has `schedule` and whose second has none.
Playlist with_schedule(const std::string& schedule, const std::string& zone = "Asia/Shanghai") {
    const std::string text = R"({"version": 1, "id": "s", "timezone": ")" + zone +
                             R"(", "items": [{"id": "scheduled", "type": "index", "schedule": )" + schedule +
                             R"(}, {"id": "always", "type": "index"}]})";
    Diagnostics d;
    auto p = parse(text, "schedule.json", MediaCheck::Structure, d);
    INFO(formatted(d));
    REQUIRE(p);
    return std::move(*p);
}

TimePoint at(const std::string& rfc3339) {
    auto t = parse_timestamp(rfc3339);
    REQUIRE(t);
    return *t;
}

// Whether the scheduled item is shown at `instant`; the unscheduled one always is.
bool shown(const Playlist& p, const std::string& instant) {
    const std::vector<std::size_t> items = eligible_items(p, at(instant));
    REQUIRE(!items.empty());
    CHECK(items.back() == 1);
    return items.front() == 0;
}

}  // namespace

TEST_CASE("an item without a schedule is eligible at any instant", "[schedule]") {
    const Playlist p = with_schedule("{}");
    CHECK(p.items[0].schedule.always());
    for (const char* instant : {"1970-01-01T00:00:00Z", "2019-04-08T07:00:00+08:00", "2038-01-19T03:14:08Z"})
        CHECK(eligible_items(p, at(instant)) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("from and until are inclusive dates in the playlist's time zone", "[schedule]") {
    const Playlist p = with_schedule(R"({"from": "2019-04-05", "until": "2019-04-30"})");
    const auto [instant, expected] = GENERATE(table<std::string, bool>({
        {"2019-04-04T23:59:59+08:00", false},
        {"2019-04-05T00:00:00+08:00", true},  // still 04-04 in UTC: the local date counts
        {"2019-04-04T16:00:00Z", true},
        {"2019-04-30T23:59:59+08:00", true},
        {"2019-05-01T00:00:00+08:00", false},
        {"2019-04-30T16:00:00Z", false},
    }));
    CAPTURE(instant);
    CHECK(shown(p, instant) == expected);
}

TEST_CASE("from and until may be exact instants with an offset: an embargo lifts at 06:00", "[schedule]") {
    const auto [schedule, instant, expected] = GENERATE(table<std::string, std::string, bool>({
        // Embargoed until 06:00 Beijing time on New Year's Day 2030.
        {R"({"from": "2030-01-01T06:00:00+08:00"})", "2029-12-31T12:00:00+08:00", false},
        {R"({"from": "2030-01-01T06:00:00+08:00"})", "2030-01-01T05:59:59+08:00", false},  // same local date
        {R"({"from": "2030-01-01T06:00:00+08:00"})", "2030-01-01T06:00:00+08:00", true},
        {R"({"from": "2030-01-01T06:00:00+08:00"})", "2029-12-31T22:00:00Z", true},  // the same instant
        {R"({"from": "2030-01-01T06:00:00+08:00"})", "2029-12-31T21:59:59Z", false},
        {R"({"from": "2029-12-31T22:00:00Z"})", "2030-01-01T06:00:00+08:00", true},
        // Until an instant: shown up to it, not at it.
        {R"({"until": "2019-04-08T18:00:00+08:00"})", "2019-04-08T17:59:59+08:00", true},
        {R"({"until": "2019-04-08T18:00:00+08:00"})", "2019-04-08T18:00:00+08:00", false},
        {R"({"until": "2019-04-08T18:00:00+08:00"})", "2019-04-08T10:00:00Z", false},
        // Mixed with a date, and with hours and weekdays, which still apply.
        {R"({"from": "2019-04-05", "until": "2019-04-08T18:00:00+08:00"})", "2019-04-04T23:00:00+08:00", false},
        {R"({"from": "2019-04-05", "until": "2019-04-08T18:00:00+08:00"})", "2019-04-08T12:00:00+08:00", true},
        {R"({"from": "2019-04-08T06:00:00+08:00", "hours": "07:00-21:00"})", "2019-04-08T06:30:00+08:00", false},
        {R"({"from": "2019-04-08T06:00:00+08:00", "hours": "07:00-21:00"})", "2019-04-08T07:00:00+08:00", true},
        {R"({"from": "2019-04-08T06:00:00+08:00", "hours": "07:00-21:00"})", "2019-04-09T06:30:00+08:00", false},
        {R"({"from": "2019-04-08T06:00:00.500+08:00", "weekdays": ["tue"]})", "2019-04-09T08:00:00+08:00", true},
        {R"({"from": "2019-04-08T06:00:00+08:00", "weekdays": ["tue"]})", "2019-04-08T08:00:00+08:00", false},
    }));
    CAPTURE(schedule, instant);
    const Playlist p = with_schedule(schedule);
    CHECK_FALSE(p.items[0].schedule.always());
    CHECK(shown(p, instant) == expected);
}

TEST_CASE("hours are half-open ranges of local time", "[schedule]") {
    const Playlist p = with_schedule(R"({"hours": "07:00-21:00"})");
    const auto [instant, expected] = GENERATE(table<std::string, bool>({
        {"2019-04-08T06:59:59+08:00", false},
        {"2019-04-08T07:00:00+08:00", true},
        {"2019-04-08T20:59:59+08:00", true},
        {"2019-04-08T21:00:00+08:00", false},
        {"2019-04-08T03:00:00Z", true},  // 11:00 in Shanghai
        {"2019-04-08T14:00:00Z", false},  // 22:00 in Shanghai
    }));
    CAPTURE(instant);
    CHECK(shown(p, instant) == expected);
}

TEST_CASE("several hour ranges may be given, up to 24:00", "[schedule]") {
    const Playlist p = with_schedule(R"({"hours": ["07:00-09:00", "17:00-24:00"]})");
    CHECK(shown(p, "2019-04-08T08:00:00+08:00"));
    CHECK_FALSE(shown(p, "2019-04-08T12:00:00+08:00"));
    CHECK(shown(p, "2019-04-08T23:59:59+08:00"));
    CHECK_FALSE(shown(p, "2019-04-09T00:00:00+08:00"));
}

TEST_CASE("weekdays are local days, by name or ISO number", "[schedule]") {
    const auto days = GENERATE(as<std::string>{}, R"(["sat", "sun"])", "[6, 7]", R"([6, "sun"])");
    CAPTURE(days);
    const Playlist p = with_schedule(R"({"weekdays": )" + days + "}");
    CHECK_FALSE(shown(p, "2019-04-05T23:59:59+08:00"));  // Friday
    CHECK(shown(p, "2019-04-06T00:00:00+08:00"));        // Saturday
    CHECK(shown(p, "2019-04-05T16:00:00Z"));             // Saturday in Shanghai, Friday in UTC
    CHECK(shown(p, "2019-04-07T23:59:59+08:00"));        // Sunday
    CHECK_FALSE(shown(p, "2019-04-08T00:00:00+08:00"));  // Monday
}

TEST_CASE("a night range that crosses midnight belongs to the day it started", "[schedule]") {
    // Friday nights, 22:00 to 02:00: 2019-04-12 is a Friday.
    const Playlist p = with_schedule(R"({"weekdays": ["fri"], "hours": "22:00-02:00"})");
    const auto [instant, expected] = GENERATE(table<std::string, bool>({
        {"2019-04-12T21:59:59+08:00", false},
        {"2019-04-12T22:00:00+08:00", true},
        {"2019-04-12T23:59:59+08:00", true},
        {"2019-04-13T00:00:00+08:00", true},  // Saturday by the calendar, Friday's night
        {"2019-04-13T01:59:59+08:00", true},
        {"2019-04-13T02:00:00+08:00", false},
        {"2019-04-13T22:30:00+08:00", false},  // Saturday's own night is not allowed
        {"2019-04-12T01:00:00+08:00", false},  // early Friday is Thursday's night
    }));
    CAPTURE(instant);
    CHECK(shown(p, instant) == expected);
    CHECK(p.items[0].schedule.hours.at(0).start_min == 22 * 60);
    CHECK(p.items[0].schedule.hours.at(0).end_min == 2 * 60);
}

TEST_CASE("the dates of a night range are those of the evening it started", "[schedule]") {
    const Playlist p = with_schedule(R"({"from": "2019-04-05", "until": "2019-04-30", "hours": "22:00-02:00"})");
    CHECK_FALSE(shown(p, "2019-04-05T01:00:00+08:00"));  // the night of 04-04, before "from"
    CHECK(shown(p, "2019-04-05T23:00:00+08:00"));
    CHECK(shown(p, "2019-05-01T01:00:00+08:00"));  // the night of 04-30 runs on past "until"
    CHECK_FALSE(shown(p, "2019-05-01T22:30:00+08:00"));
}

TEST_CASE("Europe/Berlin schedules follow the DST changes", "[schedule]") {
    SECTION("spring forward on 2026-03-29: the same UTC time is an hour later in local time") {
        const Playlist p = with_schedule(R"({"hours": "07:00-21:00"})", "Europe/Berlin");
        CHECK_FALSE(shown(p, "2026-03-28T05:30:00Z"));  // 06:30 CET
        CHECK(shown(p, "2026-03-29T05:30:00Z"));        // 07:30 CEST
        CHECK(shown(p, "2026-03-29T18:59:59Z"));        // 20:59:59 CEST
        CHECK_FALSE(shown(p, "2026-03-29T19:00:00Z"));  // 21:00 CEST
    }
    SECTION("spring forward: the skipped hour 02:00-03:00 never happens that night") {
        const Playlist p = with_schedule(R"({"hours": "02:00-03:00"})", "Europe/Berlin");
        CHECK_FALSE(shown(p, "2026-03-29T00:59:59Z"));  // 01:59:59 CET
        CHECK_FALSE(shown(p, "2026-03-29T01:00:00Z"));  // 03:00 CEST
        CHECK(shown(p, "2026-03-30T00:30:00Z"));        // 02:30 CEST the next night
    }
    SECTION("fall back on 2026-10-25: the repeated hour 02:00-03:00 is shown both times") {
        const Playlist p = with_schedule(R"({"hours": "02:00-03:00"})", "Europe/Berlin");
        CHECK_FALSE(shown(p, "2026-10-24T23:59:00Z"));  // 01:59 CEST
        CHECK(shown(p, "2026-10-25T00:30:00Z"));        // 02:30 CEST
        CHECK(shown(p, "2026-10-25T01:30:00Z"));        // 02:30 CET, again
        CHECK_FALSE(shown(p, "2026-10-25T02:00:00Z"));  // 03:00 CET
    }
}

TEST_CASE("the same instant is judged in each playlist's own time zone", "[schedule]") {
    const std::string morning = R"({"hours": "07:00-21:00"})";
    const std::string instant = "2019-04-08T00:00:00Z";
    CHECK(shown(with_schedule(morning, "Asia/Shanghai"), instant));   // 08:00
    CHECK_FALSE(shown(with_schedule(morning, "Europe/Berlin"), instant));  // 02:00
}

TEST_CASE("eligible items keep playlist order", "[schedule]") {
    Diagnostics d;
    const auto p = parse(R"({"version": 1, "id": "o", "items": [
        {"id": "a", "type": "index"},
        {"id": "b", "type": "index", "schedule": {"hours": "07:00-08:00"}},
        {"id": "c", "type": "index"},
        {"id": "d", "type": "index", "schedule": {"weekdays": ["mon"]}}]})",
                         "order.json", MediaCheck::Structure, d);
    REQUIRE(p);
    CHECK(eligible_items(*p, at("2019-04-08T07:30:00+08:00")) == std::vector<std::size_t>{0, 1, 2, 3});
    CHECK(eligible_items(*p, at("2019-04-08T12:00:00+08:00")) == std::vector<std::size_t>{0, 2, 3});
    CHECK(eligible_items(*p, at("2019-04-09T07:30:00+08:00")) == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("is_active works on local wall-clock time", "[schedule]") {
    Schedule s;
    s.hours = {{22 * 60, 2 * 60}};
    s.weekdays = 1u << 0;  // Monday
    LocalTime monday_night{{2019, 4, 8}, 23, 0, 0, 0};
    LocalTime tuesday_early{{2019, 4, 9}, 1, 0, 0, 1};
    LocalTime tuesday_night{{2019, 4, 9}, 23, 0, 0, 1};
    CHECK(is_active(s, monday_night));
    CHECK(is_active(s, tuesday_early));
    CHECK_FALSE(is_active(s, tuesday_night));
    s.until = CivilDate{2019, 4, 7};
    CHECK_FALSE(is_active(s, tuesday_early));
}

TEST_CASE("hours are written HH:MM-HH:MM", "[schedule]") {
    const auto [text, start, end] = GENERATE(table<std::string, int, int>({
        {"07:00-21:00", 420, 1260},
        {"22:00-02:00", 1320, 120},
        {"00:00-24:00", 0, 1440},
        {"23:30-00:00", 1410, 0},
        {"7-21", -1, -1},
        {"07:00 - 21:00", -1, -1},
        {"24:00-07:00", -1, -1},
        {"07:60-08:00", -1, -1},
        {"07:00-24:01", -1, -1},
        {"ab:cd-ef:gh", -1, -1},
        {"", -1, -1},
    }));
    CAPTURE(text);
    const auto r = parse_hours(text);
    if (start < 0) {
        CHECK_FALSE(r);
    } else {
        REQUIRE(r);
        CHECK(r->start_min == start);
        CHECK(r->end_min == end);
    }
}

TEST_CASE("bad schedules are located errors", "[schedule]") {
    const auto [schedule, problem] = GENERATE(table<std::string, std::string>({
        {R"("07:00-21:00")", "items[0].schedule: expected an object"},
        {R"({"from": "2019-4-5"})", "items[0].schedule.from: expected a date like \"2030-01-01\" or a date and time with its offset like \"2030-01-01T06:00:00+08:00\", got \"2019-4-5\""},
        {R"({"from": "2030-01-01T06:00:00"})", "1:87: error: items[0].schedule.from: expected a date like \"2030-01-01\" or a date and time with its offset like \"2030-01-01T06:00:00+08:00\", got \"2030-01-01T06:00:00\" (the time has no UTC offset; add one like +08:00 or Z)"},
        {R"({"until": "2030-01-01T25:00:00+08:00"})", "items[0].schedule.until: expected a date like"},
        {R"({"until": "2030-01-01 06:00"})", "items[0].schedule.until: expected a date like"},
        {R"({"from": "2030-01-01T06:00:00+8"})", "(bad UTC offset; expected +HH:MM)"},
        {R"({"from": 2030})", "items[0].schedule.from: expected a date like \"2030-01-01\" or a date and time"},
        {R"({"from": "2030-01-01T06:00:00+08:00", "until": "2030-01-01T06:00:00+08:00"})", "items[0].schedule.until: the schedule ends before it starts"},
        {R"({"from": "2030-01-01T06:00:00+08:00", "until": "2029-12-31T21:00:00Z"})", "items[0].schedule.until: the schedule ends before it starts"},
        {R"({"until": "2019-02-30"})", "items[0].schedule.until: expected a date like"},
        {R"({"from": "2019-05-01", "until": "2019-04-30"})", "1:110: error: items[0].schedule.until: the schedule ends before it starts"},
        {R"({"weekdays": []})", "items[0].schedule.weekdays: expected a list of 1 to 7 days"},
        {R"({"weekdays": [0]})", "items[0].schedule.weekdays[0]: expected \"mon\" … \"sun\" or 1 … 7"},
        {R"({"weekdays": ["Monday"]})", "items[0].schedule.weekdays[0]"},
        {R"({"hours": []})", "items[0].schedule.hours: expected hours like \"07:00-21:00\" or a list of 1 to 48"},
        {R"({"hours": "08:00-08:00"})", "starts and ends at the same time"},
        {R"({"hours": 8})", "items[0].schedule.hours: expected hours"},
        {R"({"hour": "08:00-09:00"})", "warning: items[0].schedule: unknown key \"hour\"; did you mean \"hours\"?"},
    }));
    CAPTURE(schedule);
    const std::string text =
        R"({"version": 1, "id": "s", "items": [{"id": "a", "type": "index", "schedule": )" + schedule + "}]}";
    Diagnostics d;
    const auto p = parse(text, "schedule.json", MediaCheck::Structure, d);
    INFO(formatted(d));
    CHECK(formatted(d).find(problem) != std::string::npos);
    CHECK(p.has_value() == (d.error_count() == 0));
}

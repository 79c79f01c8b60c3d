// Time as data. Nothing in layout, schedule or sync reads the clock: the caller passes
// `now` in, so tests use a fake clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace nb {

using Seconds = std::chrono::seconds;
using TimePoint = std::chrono::time_point<std::chrono::system_clock, Seconds>;

// RFC 3339 / ISO 8601 with an offset: "2019-04-08T07:00:00+08:00", "...Z".
// A time without an offset is refused (a board must not guess the zone).
Result<TimePoint> parse_timestamp(std::string_view text);

// "2019-04-08T07:00:00Z"
std::string format_timestamp_utc(TimePoint t);

struct CivilDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    bool operator<(const CivilDate& o) const;
    bool operator<=(const CivilDate& o) const { return !(o < *this); }
    bool operator==(const CivilDate& o) const;
};

// "2019-04-05"
std::optional<CivilDate> parse_date(std::string_view text);
// Days since 1970-01-01 (proleptic Gregorian), and back.
std::int64_t days_from_civil(CivilDate d);
CivilDate civil_from_days(std::int64_t days);
// 0 = Monday … 6 = Sunday (ISO 8601).
int iso_weekday(std::int64_t days_since_epoch);

// Local wall-clock time of an instant in an IANA time zone ("Asia/Shanghai"), through ICU.
struct LocalTime {
    CivilDate date;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int weekday = 0;  // 0 = Monday … 6 = Sunday
};
Result<LocalTime> to_local(TimePoint t, const std::string& iana_zone);
bool is_known_time_zone(const std::string& iana_zone);

TimePoint now();

}  // namespace nb

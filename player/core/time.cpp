#include "core/time.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cctype>
#include <cstdio>
#include <memory>

namespace nb {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

std::optional<CivilDate> parse_date_prefix(std::string_view s) {
    CivilDate d;
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!digits(s, 0, 4, d.year) || !digits(s, 5, 2, d.month) || !digits(s, 8, 2, d.day)) return std::nullopt;
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
    return d;
}

}  // namespace

bool CivilDate::operator<(const CivilDate& o) const {
    if (year != o.year) return year < o.year;
    if (month != o.month) return month < o.month;
    return day < o.day;
}

bool CivilDate::operator==(const CivilDate& o) const {
    return year == o.year && month == o.month && day == o.day;
}

std::optional<CivilDate> parse_date(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    return parse_date_prefix(text);
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
std::int64_t days_from_civil(CivilDate d) {
    const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (d.month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    return {y, m, d};
}

int iso_weekday(std::int64_t days) {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

Result<TimePoint> parse_timestamp(std::string_view s) {
    const auto date = parse_date_prefix(s);
    if (!date) return fail("expected a date and time like 2019-04-08T07:00:00+08:00");
    int hh = 0, mm = 0, ss = 0;
    if (s.size() < 19 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':' ||
        !digits(s, 11, 2, hh) || !digits(s, 14, 2, mm) || !digits(s, 17, 2, ss) || hh > 23 || mm > 59 || ss > 60)
        return fail("expected a date and time like 2019-04-08T07:00:00+08:00");
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {  // fractional seconds are accepted and dropped
        ++pos;
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    }
    int offset_s = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh = 0, om = 0;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om) ||
            oh > 23 || om > 59)
            return fail("bad UTC offset; expected +HH:MM");
        offset_s = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return fail("the time has no UTC offset; add one like +08:00 or Z");
    }
    if (pos != s.size()) return fail("unexpected characters after the time");
    const std::int64_t secs = days_from_civil(*date) * 86400 + hh * 3600 + mm * 60 + std::min(ss, 59) - offset_s;
    return TimePoint(Seconds(secs));
}

std::string format_timestamp_utc(TimePoint t) {
    const std::int64_t secs = t.time_since_epoch().count();
    std::int64_t days = secs / 86400;
    std::int64_t rem = secs % 86400;
    if (rem < 0) rem += 86400, --days;
    const CivilDate d = civil_from_days(days);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                  static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
    return buf;
}

bool is_known_time_zone(const std::string& zone) {
    std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
    return tz && *tz != icu::TimeZone::getUnknown();
}

Result<LocalTime> to_local(TimePoint t, const std::string& zone) {
    std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
    if (!tz || *tz == icu::TimeZone::getUnknown()) return fail("unknown time zone \"" + zone + "\"");
    const std::int64_t secs = t.time_since_epoch().count();
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffset(static_cast<UDate>(secs) * 1000.0, false, raw, dst, status);
    if (U_FAILURE(status)) return fail(std::string("time zone lookup failed: ") + u_errorName(status));
    const std::int64_t local = secs + (raw + dst) / 1000;
    std::int64_t days = local / 86400;
    std::int64_t rem = local % 86400;
    if (rem < 0) rem += 86400, --days;
    LocalTime lt;
    lt.date = civil_from_days(days);
    lt.hour = static_cast<int>(rem / 3600);
    lt.minute = static_cast<int>(rem / 60 % 60);
    lt.second = static_cast<int>(rem % 60);
    lt.weekday = iso_weekday(days);
    return lt;
}

TimePoint now() {
    return std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now());
}

}  // namespace nb

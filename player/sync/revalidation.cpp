#include "sync/revalidation.h"

#include <algorithm>
#include <array>

namespace nb::sync {
namespace {

std::optional<int> number(std::string_view s, std::size_t pos, std::size_t n) {
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

template <std::size_t N>
std::optional<int> index_of(const std::array<std::string_view, N>& names, std::string_view name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return std::nullopt;
    return static_cast<int>(it - names.begin());
}

}  // namespace

std::optional<TimePoint> parse_http_date(std::string_view s) {
    // 0         1         2
    // 01234567890123456789012345678
    // Sun, 06 Nov 1994 08:49:37 GMT
    static constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' ||
        s[22] != ':' || s.substr(25) != " GMT" || !index_of(kDays, s.substr(0, 3)))
        return std::nullopt;
    const auto month = index_of(kMonths, s.substr(8, 3));
    const auto day = number(s, 5, 2), year = number(s, 12, 4);
    const auto hour = number(s, 17, 2), minute = number(s, 20, 2), second = number(s, 23, 2);
    if (!month || !day || !year || !hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;
    const CivilDate date{*year, *month + 1, *day};
    const std::int64_t days = days_from_civil(date);
    if (!(civil_from_days(days) == date)) return std::nullopt;  // 31 Feb and the like
    // A leap second (:60) counts as :59, as in parse_timestamp().
    return TimePoint(Seconds(days * 86400 + *hour * 3600 + *minute * 60 + std::min(*second, 59)));
}

std::optional<Seconds> parse_retry_after(std::string_view value, std::optional<TimePoint> server_now,
                                         TimePoint now) {
    if (value.empty()) return std::nullopt;
    if (value.find_first_not_of("0123456789") == std::string_view::npos) {
        if (value.size() > 9) return Seconds(999999999);  // longer than any wait this board takes
        return Seconds(std::stoll(std::string(value)));
    }
    const auto until = parse_http_date(value);
    if (!until) return std::nullopt;
    return std::max(Seconds(0), std::chrono::duration_cast<Seconds>(*until - server_now.value_or(now)));
}

Validation validators_fit(std::string_view last_modified, std::string_view date) {
    if (last_modified.empty()) return Validation::Conditional;
    const auto modified = parse_http_date(last_modified), dated = parse_http_date(date);
    if (!modified || !dated || *dated < *modified + Seconds(1)) return Validation::Unconditional;
    return Validation::Conditional;
}

Validation playlist_request(const std::optional<Validators>& held, const std::optional<Awaited>& awaited) {
    if (!held || (held->etag.empty() && held->last_modified.empty())) return Validation::Unconditional;
    if (awaited && awaited->sha256 != held->sha256) return Validation::Unconditional;
    return Validation::Conditional;
}

Wait wait_after_sync(const Awaited& awaited, const std::string& served_sha256,
                     const std::optional<TimePoint>& held_updated) {
    if (served_sha256 == awaited.sha256) return Wait::Over;
    if (held_updated && *held_updated >= awaited.updated) return Wait::Over;
    return Wait::On;
}

}  // namespace nb::sync

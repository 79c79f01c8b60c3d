#include "sync/freshness.h"

namespace nb::sync {

std::optional<std::string> refuse_edition(const std::string& source, const Edition& e,
                                          const std::optional<HighWater>& mark, TimePoint now, ClockState clock) {
    if (e.updated_text.empty())
        return source +
               ": a signed playlist must carry \"updated\" (the time it was published), so a board can "
               "refuse an older edition replayed to it; add it and sign again";
    if (mark && e.sha256 != mark->sha256) {
        if (e.updated < mark->updated)
            return source + ": \"updated\" is " + e.updated_text + ", older than " + mark->updated_text +
                   ", the newest edition this board has taken; refused as a replay of stale content (sign a "
                   "newer one)";
        if (e.updated == mark->updated)
            return source + ": \"updated\" is " + e.updated_text + ", the same as the edition this board already " +
                   "took, but the bytes differ; refused (give every signed edition a newer \"updated\")";
    }
    if (clock == ClockState::Synchronised && e.updated > now + kMaxUpdatedAhead)
        return source + ": \"updated\" is " + e.updated_text + ", more than a day ahead of this board's clock (" +
               format_timestamp_utc(now) + ", synchronised); refused, or it would block every later edition " +
               "(fix the date and sign again)";
    return expired(source, e.expires, now);
}

std::optional<std::string> expired(const std::string& source, const std::optional<TimePoint>& expires, TimePoint now) {
    if (!expires || now < *expires) return std::nullopt;
    return source + ": this edition expired at " + format_timestamp_utc(*expires) +
           " (its \"expires\"); not shown, the standby screen instead, until staff publish a new one";
}

}  // namespace nb::sync

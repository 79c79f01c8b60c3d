// Which sync outcomes get a line in the journal. A board polls every minute for years, and a
// failure that stays the same (no key it trusts, a server down for a weekend, content staff have
// not fixed yet) was a line at every poll: 1,440 a day, burying the line that says what changed.
// Now a run of failures is logged at its first poll, at each change of error, and once an hour
// while it lasts (saying how many polls failed alike since the last line); then its end. An
// unchanged poll is silent, as before; a new edition is always logged. The status file still
// has every poll's outcome. Pure: time comes from the outcome.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "sync/syncer.h"

namespace nb::sync {

class SyncLog {
  public:
    static constexpr Seconds kRemindEvery{3600};

    // The lines to print for this outcome, in order: none, or describe()'s line and the
    // parser's diagnostics.
    std::vector<std::string> lines(const SyncOutcome& o);

  private:
    std::optional<std::string> failing_;  // the error last logged, while syncs fail
    TimePoint logged_at_{};
    int unlogged_ = 0;                    // failures like it since, not logged
};

// Two failures are the same when they differ only in a measured quantity ("after 3 ms",
// "0.52 s", "12 KiB"): curl's words for one refused connection carry the milliseconds it took.
// An HTTP status or a line number is no quantity: "HTTP 500" and "HTTP 502" differ.
bool same_failure(const std::string& a, const std::string& b);

}  // namespace nb::sync

// `display-off = 23:00-06:00`: hours when the board's panel is dark (nobody in the park at
// night, and a panel that is off lasts longer). Ranges are in the board's local time, may cross
// midnight, and several are separated by commas: "23:00-06:00, 12:30-13:00".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace nb::show {

struct OffRange {
    int from = 0, until = 0;  // minutes after local midnight; from > until crosses midnight
};

struct DisplayOff {
    std::vector<OffRange> ranges;  // empty: always on

    // Whether the panel is off at `local`, and then the local time it comes back on ("06:00");
    // ranges that meet or overlap count as one.
    std::optional<std::string> off_until(const LocalTime& local) const;
};

// "HH:MM-HH:MM[, HH:MM-HH:MM…]"; "" gives an always-on schedule. Errors name the bad part.
Result<DisplayOff> parse_display_off(const std::string& text);

// The zone the board's clock is set to (TZ, or /etc/localtime), as an IANA name for to_local().
std::string host_time_zone();

}  // namespace nb::show

// The "schedule" object of an item: dates, weekdays and hours, checked and turned into a
// Schedule. Semantics (a night range that crosses midnight) are in schedule.h.
#pragma once

#include <optional>

#include "playlist/checker.h"
#include "playlist/model.h"

namespace nb::playlist {

std::optional<Schedule> read_schedule(Checker& c, const Node& n);

// "07:00-21:00" → {420, 1260}; "22:00-02:00" crosses midnight; "24:00" is allowed as an end.
std::optional<HoursRange> parse_hours(std::string_view text);

}  // namespace nb::playlist

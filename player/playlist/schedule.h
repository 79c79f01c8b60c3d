// Which items are eligible at a given instant, in the playlist's time zone.
#pragma once

#include <vector>

#include "core/time.h"
#include "playlist/model.h"

namespace nb::playlist {

// Whether the schedule admits `now`, whose wall-clock time in the playlist's zone is `local`.
bool is_active(const Schedule& s, TimePoint now, const LocalTime& local);
// The local part alone: dates, weekdays, hours (not the exact instants).
bool is_active(const Schedule& s, const LocalTime& local);

// Indices of items whose schedule admits `now`, in playlist order.
std::vector<std::size_t> eligible_items(const Playlist& p, TimePoint now);

}  // namespace nb::playlist

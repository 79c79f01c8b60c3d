// Which items are eligible at a given instant, in the playlist's time zone.
#pragma once

#include <vector>

#include "core/time.h"
#include "playlist/model.h"

namespace nb::playlist {

bool is_active(const Schedule& s, const LocalTime& local);

// Indices of items whose schedule admits `now`, in playlist order.
std::vector<std::size_t> eligible_items(const Playlist& p, TimePoint now);

}  // namespace nb::playlist

// One entry of "items": its common fields (id, type, duration, transition, priority,
// schedule) and the fields of its type.
#pragma once

#include <optional>

#include "playlist/checker.h"
#include "playlist/media.h"
#include "playlist/model.h"

namespace nb::playlist {

struct ItemDefaults {
    int duration_s = 15;
    Transition transition = Transition::Crossfade;
};

// Returns the item when it has no errors. The id is checked for form here, for uniqueness
// by the caller.
std::optional<Item> read_item(Checker& c, const Node& n, const ItemDefaults& defaults, MediaReader& media);

}  // namespace nb::playlist

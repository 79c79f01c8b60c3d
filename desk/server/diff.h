// What changed between two editions, item by item (by id), for people: which items were
// added, removed, moved, and which fields of the others changed. Pure.
#pragma once

#include <string>
#include <vector>

#include "api.h"

namespace nb::desk {

struct Change {
    enum class Op { Added, Removed, Changed, Moved };
    Op op = Op::Changed;
    std::string id;                   // the item's id; "" for the playlist's own fields
    std::vector<std::string> fields;  // for Changed: the keys whose values differ
};

std::vector<Change> diff_playlists(const Json& older, const Json& newer);

Json changes_json(const std::vector<Change>& changes);

}  // namespace nb::desk

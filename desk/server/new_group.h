// What a new group starts with: its starter draft, and the names that give a valid one. The
// name for people (公园) becomes the draft's title and first headline, so the boards' own
// checker (player/playlist) is the one rule for it — its limits stay in playlist/limits.h —
// and every group the desk accepts, by `init --group` or `POST /api/groups`, has a draft that
// previews and publishes as it is.
#pragma once

#include <optional>
#include <string>

#include "store.h"

namespace nb::desk {

// A valid one-item playlist for a new group, so its draft can be previewed at once.
std::string starter_draft(const Group& g);

// Why `g.name` cannot name a group ("201 characters; the limit is 200", "control character
// U+0007 … is not allowed", "not valid UTF-8"), or nullopt when its starter draft validates.
std::optional<std::string> group_name_problem(const Group& g);

}  // namespace nb::desk

// The top level of a playlist: version, id, title, updated, timezone, defaults, items and
// ticker, checked against format version 1 (playlists/README.md).
#pragma once

#include "playlist/checker.h"
#include "playlist/media.h"
#include "playlist/model.h"

namespace nb::playlist {

enum class Validity { Valid, Invalid };

// Fills `out` from the parsed document; Invalid when any error was reported. Every problem
// is reported, not just the first.
Validity read_playlist(Checker& c, const Node& root, MediaReader& media, Playlist& out);

}  // namespace nb::playlist

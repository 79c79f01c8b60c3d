// Parsing and validating a playlist. Every problem becomes a located diagnostic; a
// playlist with any error is not returned, so the player keeps its last good one.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "playlist/model.h"

namespace nb::playlist {

inline constexpr std::uint64_t kMaxPlaylistBytes = 4 * 1024 * 1024;

enum class MediaCheck {
    Full,       // open local media, compare sha256, read image headers (check, render, play)
    Structure,  // JSON, types, fields and schedules only (media not yet downloaded)
};

// `path` is used in diagnostics and to resolve relative media.
std::optional<Playlist> parse(const std::string& bytes, const std::string& path, MediaCheck media,
                              Diagnostics& diags);

// Reads the file (with the size limit) and parses it.
std::optional<Playlist> load(const std::string& path, MediaCheck media, Diagnostics& diags);

}  // namespace nb::playlist

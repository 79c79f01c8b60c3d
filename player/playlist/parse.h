// Parsing and validating a playlist. Every problem becomes a located diagnostic. A problem
// with the file as a whole (syntax, version, no usable item …) returns nothing, so the
// player keeps its last good playlist; an item with errors of its own is left out and
// listed in Playlist::skipped, and the rest plays. Either way the diagnostics hold errors,
// so `check` fails.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "core/limits.h"
#include "playlist/model.h"

namespace nb::playlist {

inline constexpr std::uint64_t kMaxPlaylistBytes = nb::size_limits::kMaxPlaylistBytes;

enum class MediaCheck {
    Full,       // open local media, compare sha256, read image headers (check, render, play)
    Structure,  // JSON, types, fields and schedules only (media not yet downloaded)
};

// `path` names the playlist in diagnostics. Relative media resolve against `location`, where
// the bytes came from (a URL's address after redirects, sync/http.h), or `path` when it is
// empty.
std::optional<Playlist> parse(const std::string& bytes, const std::string& path, MediaCheck media, Diagnostics& diags,
                              const std::string& location = {});

// Reads the file (with the size limit) and parses it.
std::optional<Playlist> load(const std::string& path, MediaCheck media, Diagnostics& diags);

// Where the code point number `code_point_index` (0-based, counted in the decoded
// t.value) is in the playlist file: the character itself, or the backslash of its escape
// (\u4e2d, or the first half of \ud842\udfb7). For diagnostics about one character, like
// "no font has a glyph for U+20BB7 '𠮷'". Uses p.source; a Text that was not parsed from
// p (no source_offset), or an index past its end, gives t.where.
Location locate_in_string(const Playlist& p, const Text& t, std::size_t code_point_index);

}  // namespace nb::playlist

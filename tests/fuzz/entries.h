// The fuzz targets' bodies. Each runs one input through the player's own code the way the
// player meets such bytes, and checks the promises that code's headers make. They are
// shared by the libFuzzer targets (fuzz_*.cpp) and by the unit test that replays every
// saved crash (tests/fuzz.tests.cpp), so a regression input runs the same path in both.
#pragma once

#include <string>
#include <string_view>

namespace nb::fuzz {

// Each returns "" when every promise held, else which one broke (the target aborts on it,
// the replay test fails on it). A crash is a crash in either.

// A playlist file: parse() with MediaCheck::Full (media against tests/data/playlists/),
// then locate_in_string() and the schedule on what was accepted.
std::string playlist_entry(std::string_view input);

// Four bytes of style (size, width, alignment, indent, weight), then text: one paragraph
// through the bundled font cascade, fit_text() and flow().
std::string layout_entry(std::string_view input);

// A picture file: the header check, EXIF orientation, decoding and downscaling of
// load_image(), then the cover crop and the backdrop blur.
std::string image_entry(std::string_view input);

// Parts split by kPartSeparator: `current`, validators.json, a cached playlist, its .sig,
// a key file, a media file. Stored as a cache folder, then read back by Cache and by
// Syncer::create() (which verifies and parses the cached playlist), plus the key and
// signature parsers and a sign/verify round trip.
inline constexpr std::string_view kPartSeparator = "\n--8<--\n";
std::string cache_entry(std::string_view input);

}  // namespace nb::fuzz

// The limits of format version 1, in one place. playlists/README.md and
// playlists/schema.json state the same numbers; change them together.
#pragma once

#include <cstddef>
#include <cstdint>

namespace nb::playlist::limits {

inline constexpr std::size_t kMaxItems = 500;
inline constexpr std::size_t kMaxHoursRanges = 48;
inline constexpr std::size_t kMaxTickerLines = 100;
inline constexpr std::size_t kMaxIdLength = 64;

// Text lengths in Unicode code points.
inline constexpr std::size_t kMaxTitle = 200;
inline constexpr std::size_t kMaxHeadline = 200;
inline constexpr std::size_t kMaxShortText = 500;  // kicker, subhead, byline, caption, credit, notice text
inline constexpr std::size_t kMaxTickerLine = 500;
inline constexpr std::size_t kMaxParagraph = 10'000;
inline constexpr std::size_t kMaxBody = 50'000;

inline constexpr int kMinDuration_s = 1;
inline constexpr int kMaxDuration_s = 86'400;

// Media: checked before any decoder sees the file.
inline constexpr std::uint64_t kMaxMediaBytes = 64ull * 1024 * 1024;
inline constexpr std::uint64_t kMaxImagePixels = 50'000'000;
inline constexpr std::uint32_t kMaxImageSide = 16'384;

// Beyond this many, further diagnostics are dropped and a note says so: a broken
// generator can otherwise bury the first, useful message under thousands.
inline constexpr std::size_t kMaxDiagnostics = 200;

}  // namespace nb::playlist::limits

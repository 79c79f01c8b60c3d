// The limits of format version 1, in one place. playlists/README.md and
// playlists/schema.json state the same numbers; change them together.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/ids.h"
#include "core/limits.h"

namespace nb::playlist::limits {

inline constexpr std::size_t kMaxItems = 500;
inline constexpr std::size_t kMaxHoursRanges = 48;
inline constexpr std::size_t kMaxTickerLines = 100;
inline constexpr std::size_t kMaxIdLength = ids::kMaxIdLength;  // core/ids.h

// Text lengths in Unicode code points.
inline constexpr std::size_t kMaxTitle = 200;
inline constexpr std::size_t kMaxHeadline = 200;
inline constexpr std::size_t kMaxShortText = 500;  // kicker, subhead, byline, caption, credit, notice text
inline constexpr std::size_t kMaxTickerLine = 500;
inline constexpr std::size_t kMaxParagraph = 10'000;
inline constexpr std::size_t kMaxBody = 50'000;
// A link shown as a QR code: longer ones make codes too dense to read from a metre away.
inline constexpr std::size_t kMaxLink = 200;
inline constexpr std::size_t kMaxLinkLabel = 20;
// A gallery's pictures: at least two (one is a photo item), and few enough that each is
// on screen long enough to look at.
inline constexpr std::size_t kMinPictures = 2;
inline constexpr std::size_t kMaxPictures = 20;

inline constexpr int kMinDuration_s = 1;
inline constexpr int kMaxDuration_s = 86'400;

// Media: checked before any decoder sees the file (core/limits.h, shared with the sync).
inline constexpr std::uint64_t kMaxMediaBytes = nb::size_limits::kMaxMediaBytes;
inline constexpr std::uint64_t kMaxImagePixels = nb::size_limits::kMaxImagePixels;
inline constexpr std::uint32_t kMaxImageSide = nb::size_limits::kMaxImageSide;

// Beyond this many, further diagnostics are dropped and a note says so: a broken
// generator can otherwise bury the first, useful message under thousands.
inline constexpr std::size_t kMaxDiagnostics = 200;

}  // namespace nb::playlist::limits

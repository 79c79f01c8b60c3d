// Text that must keep to a number of lines rather than flow on: the masthead's one line, a
// photo's caption in the column beside it. The one place text is cut instead of paged.
#pragma once

#include <string_view>

#include "text/layout.h"

namespace nb::text {

// `utf8` laid out as layout_paragraph() does when it takes at most `max_lines` lines; else its
// longest start, cut between two characters as a reader sees them (never inside an emoji, a
// ZWJ sequence or a letter and its accents), that takes at most `max_lines` lines with "…"
// after it. No lines when `max_lines` is below 1. A cut block's lines hold the kept text and
// the "…", so layout.json shows what the screen shows.
Block layout_clamped(const FontCascade& fonts, std::string_view utf8, const Style& style, float max_width,
                     int max_lines);

}  // namespace nb::text

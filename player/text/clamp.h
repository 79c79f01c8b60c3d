// Text that must keep to a number of lines rather than flow on: the masthead's one line, a
// photo's caption in the column beside it. The one place text is cut instead of paged.
#pragma once

#include <string_view>
#include <vector>

#include "text/layout.h"

namespace nb::text {

// `utf8` laid out as layout_paragraph() does when it takes at most `max_lines` lines; else its
// longest start, cut between two characters as a reader sees them (never inside an emoji, a
// ZWJ sequence or a letter and its accents), that takes at most `max_lines` lines with "…"
// after it. No lines when `max_lines` is below 1. A cut block's lines hold the kept text and
// the "…", so layout.json shows what the screen shows. A `tail` follows the text and is never
// cut: it comes after the "…" ("001  a-long-id…  1/2 · 30 s" keeps the page and its time).
Block layout_clamped(const FontCascade& fonts, std::string_view utf8, const Style& style, float max_width,
                     int max_lines, std::string_view tail = {});

// A text set in a column with others: the lines it took, each `line_h` pixels high.
struct Share {
    int lines = 0;
    float line_h = 0;
};

// How many lines each text keeps (for layout_clamped()) so that together they give up at
// least `over` pixels, when the column they share is that much too tall. `texts` go from the
// most needed to the least: lines come off the last one first, down to one line, then off the
// one before it. So a 500-character credit is cut before the caption beside it loses a line.
// When every text is down to one line the rest is more than they can give: the caller's other
// parts must make room.
std::vector<int> lines_to_keep(const std::vector<Share>& texts, float over);

}  // namespace nb::text

// Building blocks shared by the templates: a paragraph placed in the scene, a label on a
// coloured plate, a page number.
#pragma once

#include <string>
#include <string_view>

#include "render/slide.h"
#include "render/text_draw.h"
#include "text/clamp.h"
#include "text/flow.h"
#include "text/layout.h"

namespace nb::render {

// An empty page of `item` on a screen of metrics `m`.
Page blank_page(const playlist::Item& item, const Metrics& m, Color background);

// Draws the lines a flow placed in one frame (a column), the frame's top-left at (x, y).
void put_frame(Scene& scene, const SlideContext& ctx, const std::vector<text::Block>& paragraphs,
               const text::Frame& frame, float x, float y, Color color, const char* role);

struct TextSpec {
    text::Style style;
    Color color;
    const char* role = "text";
};

// No limit on a text's lines.
inline constexpr int kAllLines = 1 << 20;

// What a text set in a column took: its height, and its lines (for text::lines_to_keep() when
// the column is too tall for its page and must be set again with its texts cut).
struct SetText {
    float height = 0;
    text::Share share;
};

// Lays out `s` into `width` and draws it at (x, y); returns the block's height.
float put_text(Scene& scene, const SlideContext& ctx, std::string_view s, const TextSpec& spec, float x, float y,
               float width);

// put_text(), cut to `max_lines` lines with "…" (text::layout_clamped()) when it has more.
SetText put_clamped(Scene& scene, const SlideContext& ctx, std::string_view s, const TextSpec& spec, float x, float y,
                    float width, int max_lines);

// Draws an already laid-out block.
void put_block(Scene& scene, const SlideContext& ctx, const text::Block& block, float x, float y, Color color,
               const char* role);

// A headline as a paper would set it: the fewest lines it can take without shrinking below
// 4/5 of max_px (fit_text's full range only when it must), and the lines of a multi-line
// headline balanced so none is left with two characters.
text::Fitted fit_headline(const SlideContext& ctx, std::string_view s, text::Style style, float width, int max_lines,
                          int min_px, int max_px);

// fit_headline()'s block, or, when even its smallest size needs more than `max_lines` lines
// (a headline may have 200 characters), the text cut to `max_lines` lines with "…" at that size:
// for a headline with a fixed place (beside a photo, on a notice), which must not run on.
text::Block held_to_lines(const SlideContext& ctx, std::string_view s, const text::Fitted& fitted, text::Style style,
                          float width, int max_lines);

// The kicker (引题) above a headline: a short one on a red plate, a long one as a red line,
// cut to `max_lines` lines with "…" when it has more (a plate is one line, never cut).
SetText put_kicker(Scene& scene, const SlideContext& ctx, std::string_view s, float x, float y, float width,
                   Color line_ink, int max_lines = kAllLines);

// A short text on a coloured plate (the red kicker label); returns the plate's size.
struct Size {
    float w = 0, h = 0;
};
Size put_label(Scene& scene, const SlideContext& ctx, std::string_view s, int size_px, float x, float y,
               Color plate, Color ink, const char* role);

// "2 / 3" at the bottom right of `area`.
void put_page_number(Scene& scene, const SlideContext& ctx, int number, int count, const Rect& area, Color color);

// Moves everything in `part` by (dx, dy) and adds it to `scene`: for blocks that are
// centred after their height is known.
void append_shifted(Scene& scene, Scene&& part, float dx, float dy);

// A cheap vertical rule or hairline.
inline void hairline(Scene& scene, float x, float y, float w, float h, Color c) { scene.fill({x, y, w, h}, c); }

}  // namespace nb::render

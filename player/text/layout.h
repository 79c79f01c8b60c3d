// Paragraph layout: Unicode text in, positioned glyphs out. Pure data, no SDL; the
// renderer only rasterises what this decides. Line breaking is ICU's UAX #14 iterator
// with Chinese kinsoku on top (no line starts with ，。、；：？！）》」』 or ends with （《「『“).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/cascade.h"

namespace nb::text {

enum class Align { Start, Center, End, Justify };
enum class Indent { None, TwoEm };  // body paragraphs start with two full-width spaces' worth

struct Style {
    Weight weight = Weight::Regular;
    int size_px = 32;
    float line_height = 1.5f;  // multiple of size_px
    Align align = Align::Start;
    Indent indent = Indent::None;
};

struct Glyph {
    std::uint32_t glyph_id = 0;  // in the face below
    std::uint16_t face = 0;      // index into FontCascade::faces()
    float x = 0;                 // pen position relative to the line's left edge, px
    float advance = 0;           // px, after justification
    std::uint32_t cluster = 0;   // byte offset of the source character in Line::text
    float offset_x = 0;          // HarfBuzz offset from the pen position, px (combining
    float offset_y = 0;          // marks; 0 for CJK and Latin text); offset_y is up
};

// Invariants: joining the Line::text of a Block gives the paragraph back byte for byte;
// 0 <= x + glyph.x and x + glyph.x + glyph.advance <= Block::width (+0.5 px), except for a
// single character wider than the whole width. White space at the end of a line stays in
// `text` but has no glyph and is not measured.
struct Line {
    std::string text;            // exactly the characters on this line (no added hyphen/indent)
    float x = 0, y = 0;          // top-left of the line box, relative to the block (x: the
                                 // Center/End alignment offset; 0 for Start and Justify)
    float width = 0;             // from the line's left edge to the end of its last glyph
                                 // (includes a first-line indent); max_width when justified
    float height = 0;            // line box height (size_px * line_height)
    float baseline = 0;          // from the top of the line box
    int size_px = 0;
    std::uint16_t face = 0;      // the face most of the glyphs come from (for layout.json)
    std::vector<Glyph> glyphs;
    bool last_of_paragraph = false;
};

struct Block {
    std::vector<Line> lines;
    float width = 0;   // the width it was laid out for
    float height = 0;  // sum of the line boxes
};

// Lays out one paragraph at a fixed size into `max_width` pixels. Breaks lines at ICU's
// opportunities with kinsoku (text/linebreak.h), or between characters when one
// unbreakable run is wider than a line. An empty paragraph has no lines.
Block layout_paragraph(const FontCascade& fonts, std::string_view utf8, const Style& style, float max_width);

// Headline auto-fit: the largest size in [min_px, max_px] at which the text fits in
// `max_lines` lines of `max_width`. If even min_px needs more lines, returns the min_px
// layout with all its lines (never cut) and sets `fits` false.
struct Fitted {
    Block block;
    int size_px = 0;
    bool fits = true;
};
Fitted fit_text(const FontCascade& fonts, std::string_view utf8, Style style, float max_width, int max_lines,
                int min_px, int max_px);

// Code points in `utf8` that no face of the cascade can draw, in order of first appearance,
// each with its code point index in the string.
struct Missing {
    char32_t cp;
    std::size_t index;  // code points from the start of the string
};
std::vector<Missing> missing_glyphs(const FontCascade& fonts, std::string_view utf8);

}  // namespace nb::text

// Shaping a paragraph with HarfBuzz over the font cascade: the text is split into runs
// by the face that covers each character (and by script), each run shaped with its own
// face, and the glyphs joined in logical order. Characters no face has are dropped: no
// glyph, so nothing is drawn for them (never .notdef).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/cascade.h"

namespace nb::text {

struct ShapedGlyph {
    std::uint32_t glyph_id = 0;
    std::uint16_t face = 0;     // index into the cascade
    std::uint32_t cluster = 0;  // byte offset of the first character of the glyph's cluster
    float advance = 0;          // px, unhinted
    float offset_x = 0;         // px, from the pen position (marks)
    float offset_y = 0;         // px, up
};

// Glyphs in logical order; clusters never decrease. `utf8` must be well-formed (it is
// validated where content enters the player); ill-formed bytes are dropped like
// characters without a glyph.
std::vector<ShapedGlyph> shape_text(const FontCascade& fonts, std::string_view utf8, Weight weight, int size_px);

}  // namespace nb::text

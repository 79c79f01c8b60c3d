// Turns laid-out text (text::Block) into bitmaps in a scene, one surface per line, and
// records each line for layout.json.
#pragma once

#include <string>

#include "render/scene.h"
#include "text/layout.h"

namespace nb::render {

class GlyphCache;

struct TextPaint {
    Color color;
    std::string role;  // "headline", "body" … as reported in layout.json
    Ink ink = Ink::Now;
};

// Draws `block` with its top-left at (x, y) in scene pixels.
void draw_block(Scene& scene, GlyphCache& glyphs, const text::FontCascade& fonts, const text::Block& block,
                float x, float y, const TextPaint& paint);

}  // namespace nb::render

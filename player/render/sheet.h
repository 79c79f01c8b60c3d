// The contact sheet: every rendered page as a thumbnail with its id, page and duration,
// so an editor sees the whole playlist in one picture.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "render/surface.h"
#include "text/cascade.h"

namespace nb::render {

class GlyphCache;

struct SheetEntry {
    SurfacePtr thumbnail;  // already scaled to thumbnail size
    std::string label;     // "001 meeting 1/2 · 30 s"
};

// Thumbnails are thumb_w wide; the sheet has as many columns as keep it roughly 16:10.
Result<SurfacePtr> contact_sheet(const std::vector<SheetEntry>& entries, const text::FontCascade& fonts,
                                 GlyphCache& glyphs, const std::string& title);

}  // namespace nb::render

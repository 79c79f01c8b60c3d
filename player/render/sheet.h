// The contact sheet: every rendered page as a thumbnail with its id, page and duration,
// so an editor sees the whole playlist in one picture.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/result.h"
#include "render/scene.h"
#include "render/surface.h"
#include "text/cascade.h"

namespace nb::render {

class GlyphCache;

// One page on the sheet. Its label reads "001  meeting  1/2 · 30 s": the page's place on the
// sheet, its item, its page of the item and its time on screen.
struct SheetEntry {
    SurfacePtr thumbnail;  // already scaled to thumbnail size
    std::string item_id;
    int number = 1;  // the page of its item, 1-based
    int count = 1;
    int duration_s = 0;
};

// A sheet shows a playlist's first kMaxSheetPages pages. Why a bound: a thumbnail is ~0.5 MiB
// and the sheet grows with their number; a 500-item playlist's 2,000 pages made a 342-megapixel
// sheet, 3.9 GB and 217 s, in `render` and in the desk alike. 120 pages make ~21 megapixels.
inline constexpr std::size_t kMaxSheetPages = 120;

// Thumbnails are thumb_w wide; the sheet has as many columns as keep it roughly 16:10. Entries
// past kMaxSheetPages are left out (callers need not make them); when `total_pages` is more
// than the sheet shows, its title says so ("前 120 页，共 2000 页"). The scene records its text
// lines (role "sheet") as a page's scene does for layout.json.
Scene sheet_scene(const std::vector<SheetEntry>& entries, const text::FontCascade& fonts, GlyphCache& glyphs,
                  const std::string& title, std::size_t total_pages);
// sheet_scene() drawn.
Result<SurfacePtr> contact_sheet(const std::vector<SheetEntry>& entries, const text::FontCascade& fonts,
                                 GlyphCache& glyphs, const std::string& title, std::size_t total_pages);

}  // namespace nb::render

// The contact sheet of a board's pages, gathered as they are drawn: `newsboard render`'s
// sheet.png and the desk's preview sheet are made here, so they are the same picture.
#pragma once

#include <SDL.h>

#include <cstddef>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "playlist/model.h"
#include "render/sheet.h"
#include "render/slide.h"

namespace nb::render {

class SheetMaker {
  public:
    // The board's logical size and its --rotate, as its pages are drawn (turned): thumbnails
    // keep the drawn picture's shape, 480 pixels on its long side.
    SheetMaker(int width, int height, int rotate_deg);

    // Whether the sheet takes another page: it shows the first kMaxSheetPages, so a caller
    // that draws pages only for the sheet can stop.
    bool wants_more() const { return entries_.size() < kMaxSheetPages; }
    bool empty() const { return entries_.empty(); }

    // `picture` is `page` as draw_offscreen() drew it for this board. Past kMaxSheetPages it
    // is left out.
    void add(const SDL_Surface* picture, const Page& page);

    // Titled with the playlist's title (its id when it has none), the board's size and the
    // clock at `at` in the playlist's zone; `total_pages` as contact_sheet() takes it.
    Result<SurfacePtr> draw(const text::FontCascade& fonts, GlyphCache& glyphs, const playlist::Playlist& playlist,
                            TimePoint at, std::size_t total_pages) const;

  private:
    int width_, height_;
    int thumb_w_, thumb_h_;
    std::vector<SheetEntry> entries_;
};

}  // namespace nb::render

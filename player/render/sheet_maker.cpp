#include "render/sheet_maker.h"

#include <algorithm>
#include <string>

#include "render/offscreen.h"

namespace nb::render {

SheetMaker::SheetMaker(int width, int height, int rotate_deg) : width_(width), height_(height) {
    const bool turned = rotate_deg == 90 || rotate_deg == 270;
    const int out_w = turned ? height : width, out_h = turned ? width : height;
    const int long_side = std::max(1, std::max(out_w, out_h));
    thumb_w_ = out_w * 480 / long_side;
    thumb_h_ = out_h * 480 / long_side;
}

void SheetMaker::add(const SDL_Surface* picture, const Page& page) {
    if (!wants_more()) return;
    entries_.push_back({scaled(picture, thumb_w_, thumb_h_), page.item_id, page.number, page.count, page.duration_s});
}

Result<SurfacePtr> SheetMaker::draw(const text::FontCascade& fonts, GlyphCache& glyphs,
                                    const playlist::Playlist& playlist, TimePoint at, std::size_t total_pages) const {
    const std::string title = (playlist.title.empty() ? playlist.id : playlist.title.value) + "  ·  " +
                              std::to_string(width_) + "×" + std::to_string(height_) + "  ·  " +
                              chinese_clock(at, playlist.timezone);
    return contact_sheet(entries_, fonts, glyphs, title, total_pages);
}

}  // namespace nb::render

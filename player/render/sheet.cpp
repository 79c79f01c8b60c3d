#include "render/sheet.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "render/offscreen.h"
#include "render/text_draw.h"
#include "render/theme.h"
#include "text/clamp.h"

namespace nb::render {

namespace {

// A page's label on one line under its thumbnail, `width` pixels: "001  meeting  1/2 · 30 s".
// An id too long for it (64 characters are some 700 px) is cut where the font says it stops
// fitting, with "…"; what page of the item it is and for how long stay.
text::Block label_of(const text::FontCascade& fonts, const text::Style& style, float width, std::size_t position,
                     const SheetEntry& e) {
    char head[32], tail[64];
    std::snprintf(head, sizeof head, "%03zu  ", position);
    std::snprintf(tail, sizeof tail, "  %d/%d · %d s", e.number, e.count, e.duration_s);
    return text::layout_clamped(fonts, head + e.item_id, style, width, 1, tail);
}

}  // namespace

Scene sheet_scene(const std::vector<SheetEntry>& entries, const text::FontCascade& fonts, GlyphCache& glyphs,
                  const std::string& title, std::size_t total_pages) {
    Scene scene;
    if (entries.empty()) return scene;
    const int thumb_w = entries.front().thumbnail->w;
    const int thumb_h = entries.front().thumbnail->h;
    const std::size_t shown = std::min(entries.size(), kMaxSheetPages);
    const int n = static_cast<int>(shown);
    const std::string heading = total_pages > shown ? title + "  ·  前 " + std::to_string(shown) + " 页，共 " +
                                                          std::to_string(total_pages) + " 页"
                                                    : title;
    const int columns = std::max(1, std::min(n, static_cast<int>(std::ceil(std::sqrt(n * 1.6 * thumb_h / thumb_w)))));
    const int rows = (n + columns - 1) / columns;
    const int pad = 24, label_h = 40, title_h = 64;
    const int w = pad + columns * (thumb_w + pad);
    const int h = title_h + pad + rows * (thumb_h + label_h + pad);

    scene.width = w;
    scene.height = h;
    scene.background = {236, 232, 224, 255};
    text::Style title_style;
    title_style.weight = text::Weight::Bold;
    title_style.size_px = 30;
    title_style.line_height = 1.2f;
    // One line in its band, as the masthead's: a long title (200 characters) wrapped onto the
    // thumbnails' first row.
    draw_block(scene, glyphs, fonts, text::layout_clamped(fonts, heading, title_style, static_cast<float>(w - 2 * pad), 1),
               static_cast<float>(pad), 18.f, {palette::ink, "sheet"});
    text::Style label_style;
    label_style.size_px = 20;
    label_style.line_height = 1.3f;
    for (int i = 0; i < n; ++i) {
        const float x = static_cast<float>(pad + (i % columns) * (thumb_w + pad));
        const float y = static_cast<float>(title_h + pad + (i / columns) * (thumb_h + label_h + pad));
        const SurfacePtr& t = entries[static_cast<std::size_t>(i)].thumbnail;
        scene.fill({x - 1, y - 1, static_cast<float>(t->w + 2), static_cast<float>(t->h + 2)}, palette::rule);
        scene.bitmap({x, y, static_cast<float>(t->w), static_cast<float>(t->h)}, t);
        draw_block(scene, glyphs, fonts,
                   label_of(fonts, label_style, static_cast<float>(thumb_w), static_cast<std::size_t>(i) + 1,
                            entries[static_cast<std::size_t>(i)]),
                   x, y + static_cast<float>(t->h) + 8.f, {palette::ink_soft, "sheet"});
    }
    return scene;
}

Result<SurfacePtr> contact_sheet(const std::vector<SheetEntry>& entries, const text::FontCascade& fonts,
                                 GlyphCache& glyphs, const std::string& title, std::size_t total_pages) {
    if (entries.empty()) return fail("nothing to put on the contact sheet");
    const Scene scene = sheet_scene(entries, fonts, glyphs, title, total_pages);
    return draw_offscreen({&scene}, scene.width, scene.height, 0);
}

}  // namespace nb::render

#include "render/text_draw.h"

#include <algorithm>
#include <cmath>

#include "render/glyph_cache.h"
#include "text/face.h"

namespace nb::render {
namespace {

std::string basename(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Composites one glyph's coverage into the line's coverage surface (the colour is uniform, so
// coverage combines as "over": a + b − ab).
void blit_coverage(SDL_Surface* dst, const text::GlyphBitmap& g, int x0, int y0, std::uint8_t alpha) {
    auto* pixels = static_cast<std::uint8_t*>(dst->pixels);
    for (int row = 0; row < g.height; ++row) {
        const int y = y0 + row;
        if (y < 0 || y >= dst->h) continue;
        std::uint8_t* out = pixels + y * dst->pitch;
        const std::uint8_t* in = g.pixels.data() + static_cast<std::size_t>(row) * g.pitch;
        for (int col = 0; col < g.width; ++col) {
            const int x = x0 + col;
            if (x < 0 || x >= dst->w || in[col] == 0) continue;
            const std::uint32_t old_a = out[x];
            const std::uint32_t cov = in[col] * alpha / 255u;
            out[x] = static_cast<std::uint8_t>(old_a + cov - old_a * cov / 255);
        }
    }
}

}  // namespace

void draw_block(Scene& scene, GlyphCache& glyphs, const text::FontCascade& fonts, const text::Block& block,
                float x, float y, const TextPaint& paint) {
    for (const text::Line& line : block.lines) {
        const float left = x + line.x;
        const float top = y + line.y;
        if (!line.glyphs.empty()) {
            // Room for ink that overhangs the advance box (accents, italics, tight fonts).
            const int pad = std::max(2, line.size_px / 3);
            const float right = line.glyphs.back().x + line.glyphs.back().advance;
            const int w = static_cast<int>(std::ceil(std::max(right, line.width))) + 2 * pad;
            const int h = static_cast<int>(std::ceil(line.height)) + 2 * pad;
            SurfacePtr surface = make_coverage_surface(w, h, paint.color.r, paint.color.g, paint.color.b);
            if (surface) {
                SDL_LockSurface(surface.get());
                for (const text::Glyph& g : line.glyphs) {
                    auto bmp = glyphs.get(fonts, g.face, g.glyph_id, line.size_px);
                    if (!bmp || bmp->width == 0) continue;
                    const int gx = pad + static_cast<int>(std::lround(g.x + g.offset_x)) + bmp->left;
                    const int gy = pad + static_cast<int>(std::lround(line.baseline - g.offset_y)) - bmp->top;
                    blit_coverage(surface.get(), *bmp, gx, gy, paint.color.a);
                }
                SDL_UnlockSurface(surface.get());
                // Whole pixels: glyph bitmaps are crisp only when not resampled.
                scene.bitmap({std::round(left) - static_cast<float>(pad), std::round(top) - static_cast<float>(pad),
                              static_cast<float>(w), static_cast<float>(h)},
                             std::move(surface));
            }
        }
        scene.text.push_back({paint.role, line.text, {left, top, line.width, line.height}, line.size_px,
                              basename(fonts.file_of(line.face)), -1, line.last_of_paragraph});
    }
}

}  // namespace nb::render

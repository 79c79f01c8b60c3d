#include "render/text_draw.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

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

// What a line's bitmap is made of, kept so that it can be made again once let go
// (render/picture.h): the glyphs' ids and where their ink goes, a few bytes a character.
struct LineInk {
    struct Mark {
        std::uint16_t face;
        std::uint32_t glyph_id;
        int x, baseline;  // the pen's position in the bitmap, whole pixels
    };
    std::vector<Mark> marks;
    int size_px = 0;
    int w = 0, h = 0;
    Color color;
};

SurfacePtr rasterize(const LineInk& ink, GlyphCache& glyphs, const text::FontCascade& fonts) {
    SurfacePtr surface = make_coverage_surface(ink.w, ink.h, ink.color.r, ink.color.g, ink.color.b);
    if (!surface) return nullptr;
    SDL_LockSurface(surface.get());
    for (const LineInk::Mark& m : ink.marks) {
        auto bmp = glyphs.get(fonts, m.face, m.glyph_id, ink.size_px);
        if (!bmp || bmp->width == 0) continue;
        blit_coverage(surface.get(), *bmp, m.x + bmp->left, m.baseline - bmp->top, ink.color.a);
    }
    SDL_UnlockSurface(surface.get());
    return surface;
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
            auto ink = std::make_shared<LineInk>();
            ink->w = static_cast<int>(std::ceil(std::max(right, line.width))) + 2 * pad;
            ink->h = static_cast<int>(std::ceil(line.height)) + 2 * pad;
            ink->size_px = line.size_px;
            ink->color = paint.color;
            ink->marks.reserve(line.glyphs.size());
            for (const text::Glyph& g : line.glyphs)
                ink->marks.push_back({g.face, g.glyph_id, pad + static_cast<int>(std::lround(g.x + g.offset_x)),
                                      pad + static_cast<int>(std::lround(line.baseline - g.offset_y))});
            SurfacePtr surface = paint.ink == Ink::Now ? rasterize(*ink, glyphs, fonts) : nullptr;
            if (surface || paint.ink == Ink::Deferred) {
                // Whole pixels: glyph bitmaps are crisp only when not resampled. Made again
                // from `ink` if the page is drawn again after its lines were let go; the glyph
                // cache and the cascade outlive every scene the player draws.
                const Rect at{std::round(left) - static_cast<float>(pad), std::round(top) - static_cast<float>(pad),
                              static_cast<float>(ink->w), static_cast<float>(ink->h)};
                GlyphCache* const cache = &glyphs;
                const text::FontCascade* const cascade = &fonts;
                scene.picture(at, std::make_shared<Picture>(
                                      std::move(surface),
                                      [ink, cache, cascade]() -> Result<SurfacePtr> {
                                          if (SurfacePtr again = rasterize(*ink, *cache, *cascade)) return again;
                                          return fail("out of memory for a line of text");
                                      },
                                      Remake::Cheap));
            }
        }
        scene.text.push_back({paint.role, line.text, {left, top, line.width, line.height}, line.size_px,
                              basename(fonts.file_of(line.face)), -1, line.last_of_paragraph});
    }
}

}  // namespace nb::render

#include "render/scene.h"

#include <algorithm>
#include <cmath>

#include "render/texture_cache.h"

namespace nb::render {
namespace {

SDL_Rect to_screen(const Rect& r, const SDL_Rect& vp, float sx, float sy) {
    // Snap both edges (not origin + size) so adjacent rectangles never leave a seam.
    const int x0 = vp.x + static_cast<int>(std::lround(r.x * sx));
    const int y0 = vp.y + static_cast<int>(std::lround(r.y * sy));
    const int x1 = vp.x + static_cast<int>(std::lround((r.x + r.w) * sx));
    const int y1 = vp.y + static_cast<int>(std::lround((r.y + r.h) * sy));
    return {x0, y0, x1 - x0, y1 - y0};
}

std::uint8_t mul(std::uint8_t a, std::uint8_t b) { return static_cast<std::uint8_t>((a * b + 127) / 255); }

// A rectangle of one colour. Nothing for a clear one, and an opaque one is a plain fill: SDL's
// software renderer blends every pixel with three multiplications and divisions, whatever the
// alpha (the chrome's clear background, blended over the whole screen each frame of a
// crossfade, was half the player's CPU under Xvfb). Leaves the blend mode at BLEND.
void fill_rect(SDL_Renderer* r, const SDL_Rect& dst, Color c, std::uint8_t alpha) {
    if (alpha == 0) return;
    SDL_SetRenderDrawBlendMode(r, alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, alpha);
    SDL_RenderFillRect(r, &dst);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
}

void draw_gradient(SDL_Renderer* r, const SDL_Rect& dst, Color top, Color bottom, std::uint8_t opacity) {
    // One line per pixel row: exact on any renderer, and gradients are small strips.
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    for (int row = 0; row < dst.h; ++row) {
        const float t = dst.h > 1 ? static_cast<float>(row) / static_cast<float>(dst.h - 1) : 0.f;
        auto lerp = [t](std::uint8_t a, std::uint8_t b) {
            return static_cast<std::uint8_t>(std::lround(a + (b - a) * t));
        };
        SDL_SetRenderDrawColor(r, lerp(top.r, bottom.r), lerp(top.g, bottom.g), lerp(top.b, bottom.b),
                               mul(lerp(top.a, bottom.a), opacity));
        SDL_RenderDrawLine(r, dst.x, dst.y + row, dst.x + dst.w - 1, dst.y + row);
    }
}

// A large 32-bit bitmap drawn once at its own size (a page's picture, into the page's
// texture): uploaded a strip of rows at a time through one small streaming texture, so no
// second copy of the whole picture exists beside it while the page is drawn (a 1350x900
// photo: 4.6 MiB). Exact: at 1:1 a strip's pixels land where the whole texture's would.
// False (nothing drawn) when it does not apply or SDL cannot make the strip.
constexpr int kStripRows = 32;

bool draw_in_strips(SDL_Renderer* r, SDL_Surface* s, const SDL_Rect& dst, std::uint8_t opacity) {
    if (s->format->BytesPerPixel != 4 || dst.w != s->w || dst.h != s->h || s->h <= kStripRows * 4) return false;
    TexturePtr strip(SDL_CreateTexture(r, s->format->format, SDL_TEXTUREACCESS_STREAMING, s->w, kStripRows));
    if (!strip) return false;
    SDL_BlendMode mode = SDL_BLENDMODE_BLEND;
    SDL_GetSurfaceBlendMode(s, &mode);
    SDL_SetTextureBlendMode(strip.get(), mode == SDL_BLENDMODE_NONE ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(strip.get(), opacity);
    for (int y = 0; y < s->h; y += kStripRows) {
        const int rows = std::min(kStripRows, s->h - y);
        const SDL_Rect part{0, 0, s->w, rows};
        // SDL_UpdateTexture flushes the copy of the strip before still queued.
        if (SDL_UpdateTexture(strip.get(), &part, static_cast<const std::uint8_t*>(s->pixels) +
                                                      static_cast<std::ptrdiff_t>(y) * s->pitch,
                              s->pitch) != 0)
            return y > 0;  // out of memory: the whole texture is tried only when no row was drawn yet
        const SDL_Rect to{dst.x, dst.y + y, s->w, rows};
        SDL_RenderCopy(r, strip.get(), &part, &to);
    }
    return true;
}

}  // namespace

void Scene::release_pictures(Remake up_to) const {
    for (const DrawOp& op : ops)
        if (op.picture && (up_to == Remake::Costly || op.picture->cost() == Remake::Cheap)) op.picture->release();
}

void draw(SDL_Renderer* r, const Scene& scene, const SDL_Rect& vp, std::uint8_t opacity, TextureCache* cache) {
    if (scene.width <= 0 || scene.height <= 0) return;
    const float sx = static_cast<float>(vp.w) / static_cast<float>(scene.width);
    const float sy = static_cast<float>(vp.h) / static_cast<float>(scene.height);

    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    fill_rect(r, vp, scene.background, mul(scene.background.a, opacity));

    for (const DrawOp& op : scene.ops) {
        const SDL_Rect dst = to_screen(op.dst, vp, sx, sy);
        if (dst.w <= 0 || dst.h <= 0) continue;
        switch (op.kind) {
            case OpKind::Fill:
                fill_rect(r, dst, op.color, mul(op.color.a, opacity));
                break;
            case OpKind::Gradient:
                draw_gradient(r, dst, op.color, op.color2, opacity);
                break;
            case OpKind::Bitmap: {
                const SurfacePtr bitmap = op.surface();
                if (!bitmap) break;
                if (!cache && draw_in_strips(r, bitmap.get(), dst, opacity)) break;
                TexturePtr own;
                SDL_Texture* tex = cache ? cache->get(bitmap) : nullptr;
                if (!cache) {
                    own.reset(SDL_CreateTextureFromSurface(r, bitmap.get()));
                    tex = own.get();
                    if (tex) {
                        SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
                        SDL_SetTextureScaleMode(tex, SDL_ScaleModeLinear);
                    }
                }
                if (!tex) break;
                SDL_SetTextureAlphaMod(tex, opacity);
                SDL_RenderCopy(r, tex, nullptr, &dst);
                break;
            }
        }
    }
}

}  // namespace nb::render

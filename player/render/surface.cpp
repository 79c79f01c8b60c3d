#include "render/surface.h"

namespace nb::render {

SurfacePtr make_surface(int w, int h) {
    if (w <= 0 || h <= 0) return nullptr;
    // SDL zeroes a new surface's pixels (SDL_CreateRGBSurfaceWithFormat): clearing them again
    // was a second pass over a picture's 8 MiB.
    return adopt(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
}

SurfacePtr make_coverage_surface(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    if (w <= 0 || h <= 0) return nullptr;
    SurfacePtr s = adopt(SDL_CreateRGBSurfaceWithFormat(0, w, h, 8, SDL_PIXELFORMAT_INDEX8));
    if (!s || !s->format->palette) return nullptr;
    SDL_Color colors[256];
    for (int i = 0; i < 256; ++i) colors[i] = {r, g, b, static_cast<std::uint8_t>(i)};
    if (SDL_SetPaletteColors(s->format->palette, colors, 0, 256) != 0) return nullptr;
    return s;  // zeroed by SDL: coverage 0 everywhere
}

}  // namespace nb::render

#include "render/surface.h"

namespace nb::render {

SurfacePtr make_surface(int w, int h) {
    if (w <= 0 || h <= 0) return nullptr;
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) return nullptr;
    SDL_FillRect(s, nullptr, 0);
    return adopt(s);
}

}  // namespace nb::render

// RAII for SDL's CPU-side images and GPU textures. Prepared slides hold surfaces (they can
// be made on a worker thread); textures are made from them on the thread that owns SDL.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <memory>

namespace nb::render {

struct SurfaceDeleter {
    void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
struct TextureDeleter {
    void operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); }
};
struct RendererDeleter {
    void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); }
};

using SurfacePtr = std::shared_ptr<SDL_Surface>;  // shared: one picture may appear on many pages
using TexturePtr = std::unique_ptr<SDL_Texture, TextureDeleter>;
using RendererPtr = std::unique_ptr<SDL_Renderer, RendererDeleter>;

inline SurfacePtr adopt(SDL_Surface* s) { return SurfacePtr(s, SurfaceDeleter{}); }

// A blank 32-bit ARGB surface (all transparent), or null if SDL cannot allocate it.
SurfacePtr make_surface(int w, int h);

// A blank surface of one colour whose pixels are only its coverage: 8 bits a pixel, the
// palette maps 0…255 to (r, g, b, 0…255). A quarter of ARGB's memory for text, which is one
// colour a line; SDL turns it into ARGB when it makes a texture of it.
SurfacePtr make_coverage_surface(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b);

}  // namespace nb::render

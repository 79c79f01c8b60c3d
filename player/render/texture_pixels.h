// A streaming texture's pixels, locked for as long as this lives. SDL says a lock is for
// writing; a texture only ever written through locks (the software path's page textures,
// show/page_textures.h) also reads back what was written, which the crossfade blends from.
// On SDL's software renderer the lock is the texture's own memory: no copy either way.
#pragma once

#include <SDL.h>

#include "render/pixel_rows.h"
#include "render/surface.h"

namespace nb::render {

class TexturePixels {
  public:
    // Locks `texture` (streaming, 32 bits a pixel); ok() is false where SDL would not.
    explicit TexturePixels(SDL_Texture* texture);
    ~TexturePixels();
    TexturePixels(const TexturePixels&) = delete;
    TexturePixels& operator=(const TexturePixels&) = delete;

    bool ok() const { return rows_.data != nullptr; }
    const PixelRows& rows() const { return rows_; }
    // The locked pixels as an SDL surface of the texture's format (no copy), for a software
    // renderer to draw into; null if SDL cannot make one.
    SurfacePtr surface() const;

  private:
    SDL_Texture* texture_;
    Uint32 format_ = 0;
    PixelRows rows_;
};

}  // namespace nb::render

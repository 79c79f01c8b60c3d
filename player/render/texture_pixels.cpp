#include "render/texture_pixels.h"

namespace nb::render {

TexturePixels::TexturePixels(SDL_Texture* texture) : texture_(texture) {
    int access = 0, w = 0, h = 0;
    if (!texture || SDL_QueryTexture(texture, &format_, &access, &w, &h) != 0) return;
    if (access != SDL_TEXTUREACCESS_STREAMING || SDL_BYTESPERPIXEL(format_) != 4) return;
    void* pixels = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(texture, nullptr, &pixels, &pitch) != 0 || !pixels) return;
    rows_ = {static_cast<std::uint8_t*>(pixels), pitch, w, h};
}

TexturePixels::~TexturePixels() {
    if (ok()) SDL_UnlockTexture(texture_);
}

SurfacePtr TexturePixels::surface() const {
    if (!ok()) return nullptr;
    return adopt(SDL_CreateRGBSurfaceWithFormatFrom(rows_.data, rows_.w, rows_.h, 32, rows_.pitch, format_));
}

}  // namespace nb::render

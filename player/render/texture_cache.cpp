#include "render/texture_cache.h"

namespace nb::render {

SDL_Texture* TextureCache::get(const SurfacePtr& surface) {
    if (!surface) return nullptr;
    auto it = map_.find(surface);
    if (it != map_.end()) return it->second.get();
    TexturePtr tex(SDL_CreateTextureFromSurface(renderer_, surface.get()));
    if (!tex) return nullptr;
    SDL_SetTextureBlendMode(tex.get(), SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(tex.get(), SDL_ScaleModeLinear);
    ++uploads_;
    SDL_Texture* raw = tex.get();
    map_.emplace(surface, std::move(tex));
    return raw;
}

void TextureCache::sweep() {
    for (auto it = map_.begin(); it != map_.end();) {
        if (it->first.expired())
            it = map_.erase(it);
        else
            ++it;
    }
}

}  // namespace nb::render

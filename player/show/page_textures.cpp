#include "show/page_textures.h"

namespace nb::show {

bool PageTextures::has(const Key& key) const {
    for (const auto& s : slots_)
        if (s.texture && s.key == key) return true;
    return false;
}

void PageTextures::keep_only(const Key& a, const Key& b) {
    for (auto& s : slots_)
        if (s.texture && !(s.key == a) && !(s.key == b)) {
            s.texture.reset();
            s.key = {};
        }
}

SDL_Texture* PageTextures::get(SDL_Renderer* r, const Key& key, const Key& keep, const Draw& draw) {
    for (auto& s : slots_)
        if (s.texture && s.key == key) return s.texture.get();
    // A slot that does not hold `keep`, one with a texture first: a new 1920x1080 texture is
    // 8 MiB zeroed and faulted in, which cost more than drawing the page into it (issue 14's
    // profile under Xvfb: a quarter of the player's CPU, as much as all the crossfades' blends).
    Slot* slot = nullptr;
    for (auto& s : slots_)
        if (!(s.texture && s.key == keep) && (!slot || (s.texture && !slot->texture))) slot = &s;
    int w = 0, h = 0;
    if (slot->texture) SDL_QueryTexture(slot->texture.get(), nullptr, nullptr, &w, &h);
    if (!slot->texture || w != key.w || h != key.h) {
        // Pages are opaque: a texture without alpha is copied, not blended, which the software
        // renderer does about five times faster (a full-screen copy plus a faded one and the
        // present: 4.9 ms against 24 ms with ARGB, tests/bench).
        slot->texture.reset(SDL_CreateTexture(r, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, key.w, key.h));
        slot->key = {};
        if (!slot->texture) return nullptr;
    }
    SDL_Texture* target = SDL_GetRenderTarget(r);
    SDL_SetRenderTarget(r, slot->texture.get());
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    draw();
    SDL_SetRenderTarget(r, target);
    slot->key = key;
    return slot->texture.get();
}

}  // namespace nb::show

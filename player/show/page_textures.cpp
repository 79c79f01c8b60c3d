#include "show/page_textures.h"

#include "render/texture_pixels.h"

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
    if (!draw_into(r, *slot, key.w, key.h, draw)) return nullptr;
    slot->key = key;
    return slot->texture.get();
}

bool PageTextures::draw_into(SDL_Renderer* r, Slot& slot, int w, int h, const Draw& draw) {
    const int access = backing_ == Backing::Pixels ? SDL_TEXTUREACCESS_STREAMING : SDL_TEXTUREACCESS_TARGET;
    int tw = 0, th = 0, ta = -1;
    if (slot.texture) SDL_QueryTexture(slot.texture.get(), nullptr, &ta, &tw, &th);
    if (!slot.texture || tw != w || th != h || ta != access) {
        // Pages are opaque: a texture without alpha is copied, not blended, which the software
        // renderer does about five times faster (a full-screen copy plus a faded one and the
        // present: 4.9 ms against 24 ms with ARGB, tests/bench).
        slot.texture.reset(SDL_CreateTexture(r, SDL_PIXELFORMAT_RGB888, access, w, h));
        if (!slot.texture) return false;
    }
    slot.key = {};  // until drawn
    if (backing_ == Backing::Pixels) {
        // Declared in this order so the renderer goes before its surface, and both before the
        // unlock.
        const render::TexturePixels pixels(slot.texture.get());
        const render::SurfacePtr surface = pixels.surface();
        const render::RendererPtr own(surface ? SDL_CreateSoftwareRenderer(surface.get()) : nullptr);
        if (!own) {
            slot.texture.reset();
            return false;
        }
        SDL_SetRenderDrawColor(own.get(), 0, 0, 0, 255);
        SDL_RenderClear(own.get());
        draw(own.get());
        SDL_RenderFlush(own.get());
        return true;
    }
    SDL_Texture* target = SDL_GetRenderTarget(r);
    SDL_SetRenderTarget(r, slot.texture.get());
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    draw(r);
    SDL_SetRenderTarget(r, target);
    return true;
}

}  // namespace nb::show

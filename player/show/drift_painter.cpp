#include "show/drift_painter.h"

#include <cstring>

namespace nb::show {

Motion motion_for(const SDL_RendererInfo& info) {
    const bool software = (info.flags & SDL_RENDERER_SOFTWARE) || (info.name && std::strcmp(info.name, "software") == 0);
    return (info.flags & SDL_RENDERER_ACCELERATED) && !software ? Motion::Drift : Motion::Still;
}

Motion motion_for(SDL_Renderer* renderer) {
    SDL_RendererInfo info{};
    if (!renderer || SDL_GetRendererInfo(renderer, &info) != 0) return Motion::Still;
    return motion_for(info);
}

void paint_drift(SDL_Renderer* r, render::TextureCache& textures, const SDL_Rect& vp, int board_w, int board_h,
                 const render::Drift& d, float t) {
    if (!d.picture || board_w <= 0 || board_h <= 0 || d.box.w <= 0 || d.box.h <= 0) return;
    SDL_Texture* texture = textures.get(d.picture);
    if (!texture) return;
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_NONE);
    SDL_SetTextureAlphaMod(texture, 255);
    const float sx = static_cast<float>(vp.w) / static_cast<float>(board_w);
    const float sy = static_cast<float>(vp.h) / static_cast<float>(board_h);
    const float pw = static_cast<float>(d.picture->w), ph = static_cast<float>(d.picture->h);
    const render::Rect view = render::drift_view(pw, ph, t, d.toward);
    // The whole picture, placed with sub-pixel precision so that its view fills the box, and
    // clipped to the box: a source rectangle in whole texels would move in visible steps.
    const float scale_x = d.box.w * sx / view.w, scale_y = d.box.h * sy / view.h;
    const SDL_FRect dst{static_cast<float>(vp.x) + d.box.x * sx - view.x * scale_x,
                        static_cast<float>(vp.y) + d.box.y * sy - view.y * scale_y, pw * scale_x, ph * scale_y};
    const SDL_Rect clip{vp.x + static_cast<int>(d.box.x * sx), vp.y + static_cast<int>(d.box.y * sy),
                        static_cast<int>(d.box.w * sx + 0.5f), static_cast<int>(d.box.h * sy + 0.5f)};
    SDL_RenderSetClipRect(r, &clip);
    SDL_RenderCopyF(r, texture, nullptr, &dst);
    SDL_RenderSetClipRect(r, nullptr);
}

}  // namespace nb::show

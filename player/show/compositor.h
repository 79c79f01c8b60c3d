// Draws one frame of the board: the page on screen (or two during a transition), the chrome
// (masthead and ticker band), the moving ticker text and preview's overlay. It keeps no state
// of its own beyond what it is given: the frame loop decides what is on screen and when.
#pragma once

#include <SDL.h>

#include "playlist/model.h"
#include "render/pixel_rows.h"
#include "render/slide.h"
#include "render/texture_cache.h"

namespace nb::show {

struct Frame {
    const render::Scene* from = nullptr;  // the page leaving (during a transition), or null
    const render::Scene* to = nullptr;    // the page on screen
    playlist::Transition transition = playlist::Transition::Cut;
    float progress = 1;  // 0 … 1 through the transition
    const render::Scene* chrome = nullptr;
    const render::TickerStrip* ticker = nullptr;
    float ticker_offset = 0;  // px (logical) the crawl has moved
    const render::Scene* overlay = nullptr;
};

// Eased progress: slow in and out.
float ease(float t);

// Only the moving ticker text of `frame` (its chrome gives the board's size).
void draw_ticker(SDL_Renderer* renderer, render::TextureCache& textures, const SDL_Rect& viewport, const Frame& frame);

// Copies an opaque page texture over `viewport`: a copy, not a blend.
void copy_page(SDL_Renderer* renderer, SDL_Texture* page, const SDL_Rect& viewport);
// The same on the frame's pixels (platform::Display::frame_pixels()), from the page's.
void copy_page(const render::PixelRows& frame, const SDL_Rect& viewport, const render::ConstPixelRows& page);

// The two pages of a transition, each already drawn into a texture of the viewport's size.
// Returns the share of `to` a crossfade shows (alpha has 8 bits; 1 once it is over).
float compose_pages(SDL_Renderer* renderer, const SDL_Rect& viewport, SDL_Texture* from, SDL_Texture* to,
                   playlist::Transition transition, float progress);

// One frame of a crossfade drawn over the frame before it, which the target still shows (a
// software renderer's, platform::Display::keeps_frames()): there, `shown` of `to` (eased) was
// blended over the page it leaves; `to` blended over that with (p − shown) / (1 − shown)
// makes the eased progress p of `progress`. One pass over the screen instead of two, and the
// page left needs no texture. The last frame copies `to`, so the fade ends exact. Returns the
// share of `to` now shown (alpha has 8 bits): the next frame's `shown`.
float fade_over_last(SDL_Renderer* renderer, const SDL_Rect& viewport, SDL_Texture* to, float shown, float progress);
// The same on the frame's pixels (platform::Display::frame_pixels()), from the page's: on SDL's
// software renderer ~0.6 ms a 1920x1080 frame against SDL's ~1.4 (render/pixel_rows.h).
float fade_over_last(const render::PixelRows& frame, const SDL_Rect& viewport, const render::ConstPixelRows& to,
                     float shown, float progress);

// What one frame of fade_over_last() does (pure): nothing (the step rounds to no alpha), a
// blend of `to` at `alpha`, or the copy that ends the fade exact; `share` is the next `shown`.
struct FadeStep {
    enum class Kind { Keep, Blend, Copy };
    Kind kind = Kind::Keep;
    std::uint8_t alpha = 0;
    float share = 0;
};
FadeStep fade_step(float shown, float progress);

// Under a see-through band of the chrome (the Overlay chrome's, alpha 215) fade_over_last()
// would blend the band the frame before had in again, each frame. There the fade is drawn as
// two textures would draw it: `under`, the page left's pixels in `band` (a rectangle of the
// page's texture, kept before that texture went), then `to` over them at `share` (what
// fade_over_last() returned).
void fade_under_band(SDL_Renderer* renderer, const SDL_Rect& viewport, SDL_Texture* to, SDL_Texture* under,
                     const SDL_Rect& band, float share);

// Draws `frame` into `viewport` of the renderer's current target.
void compose(SDL_Renderer* renderer, render::TextureCache& textures, const SDL_Rect& viewport, const Frame& frame);

}  // namespace nb::show

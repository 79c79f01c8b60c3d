// Paints a gallery picture's slow pan-and-zoom (render/drift.h) over the page on screen, and
// decides where it is worth it: a board whose renderer is a GPU. SDL's software renderer
// would redraw a screenful of picture every frame for a move nobody needs, so there the
// picture stands still and costs nothing.
#pragma once

#include <SDL.h>

#include "render/drift.h"
#include "render/texture_cache.h"

namespace nb::show {

enum class Motion { Drift, Still };

// Drift on an accelerated renderer that is not SDL's software one; Still otherwise.
Motion motion_for(SDL_Renderer* renderer);
// The same from the renderer's description (the rule alone, for tests).
Motion motion_for(const SDL_RendererInfo& info);

// Draws the part of `drift`'s picture shown at `t` (0..1 through the page's time) into its
// box, scaled from a board of board_w×board_h logical pixels to `viewport`.
void paint_drift(SDL_Renderer* renderer, render::TextureCache& textures, const SDL_Rect& viewport, int board_w,
                 int board_h, const render::Drift& drift, float t);

}  // namespace nb::show

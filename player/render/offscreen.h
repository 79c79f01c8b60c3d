// The headless display target: SDL's software renderer drawing into a plain surface. It
// needs no video driver, so `render` and the tests work on a machine with no display.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "render/scene.h"

namespace nb::render {

// Draws the scenes (bottom first) at w×h, then turns the picture by `rotate_deg`
// (0, 90, 180, 270 clockwise) the way a panel mounted on its side would need it.
Result<SurfacePtr> draw_offscreen(const std::vector<const Scene*>& layers, int w, int h, int rotate_deg);

// A copy scaled to w×h (for thumbnails).
SurfacePtr scaled(const SDL_Surface* source, int w, int h);

// Writes a PNG atomically (temp file, fsync, rename).
Status save_png(const SDL_Surface* surface, const std::string& path);

}  // namespace nb::render

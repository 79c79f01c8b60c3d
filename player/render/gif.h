// The first frame of a GIF, decoded with giflib. SDL_image 2.6's own GIF decoder corrupts
// its heap on some malformed files (found by tests/fuzz: a bad free some inputs later), and
// a board shows only the first frame anyway.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "render/surface.h"

namespace nb::render {

// The first image composed onto its logical screen (transparent where the image does not
// cover it or its graphic control block says so), as ARGB8888. Fails with a short reason
// on a malformed or cut-short file, or a canvas over `max_side` a side or `max_pixels`.
Result<SurfacePtr> decode_gif_first_frame(std::string_view bytes, int max_side, long long max_pixels);

}  // namespace nb::render

// The first frame of an animated WebP, decoded with libwebpdemux. SDL_image 2.6 decodes only
// still WebPs and refuses an animated one ("Failed to decode WEBP"), though web pages and
// phones make them as readily as GIFs; a board shows a GIF's first frame, and so a WebP's.
#pragma once

#include <string_view>

#include "core/result.h"
#include "render/surface.h"

namespace nb::render {

// True for a WebP whose extended header (VP8X) says it is animated.
bool is_animated_webp(std::string_view bytes);

// The first frame composed onto its canvas, as ARGB8888. Fails with a short reason on a
// malformed or cut-short file, or a canvas over `max_side` a side or `max_pixels`.
Result<SurfacePtr> decode_webp_first_frame(std::string_view bytes, int max_side, long long max_pixels);

}  // namespace nb::render

// JPEGs decoded with libjpeg(-turbo) directly, for two things SDL_image does not do: the
// decoder scales down as it decodes (a 50-megapixel photo never exists at full size in
// memory), and CMYK and YCCK files (print newsrooms export them; Adobe's are stored
// inverted) come out in their true colours instead of as a negative-looking mess.
#pragma once

#include <cstdio>
#include <string_view>

#include "core/result.h"
#include "render/surface.h"

namespace nb::render {

struct JpegRequest {
    // The decoded picture is at least this large on both sides when the file is (0: the full
    // size): libjpeg's smallest scale of 1/8 … 8/8 that still covers it. The caller scales
    // the rest of the way.
    int min_w = 0, min_h = 0;
    int max_side = 0;          // refused when the frame header says more …
    long long max_pixels = 0;  // … or more pixels than this (the header check's limits)
    // When set and smaller than that scale, the rows are shrunk to exactly out_w×out_h as they
    // are decoded (render/row_shrink.h): the scaled picture never exists whole.
    int out_w = 0, out_h = 0;
};

// ARGB8888 (opaque) at the chosen scale (or out_w×out_h), in the file's stored orientation. Fails with a short
// reason on a file libjpeg cannot read.
Result<SurfacePtr> decode_jpeg(std::string_view bytes, const JpegRequest& request);

// The same, read from `file` (at its start) as it decodes: a 50-megapixel photo's 11 MB are
// never in memory at once. A file that ends early ends the picture there (libjpeg's own
// stand-in for the missing end): render/image.cpp checks for that before.
Result<SurfacePtr> decode_jpeg(std::FILE* file, const JpegRequest& request);

// The scale, in eighths (1..8), that libjpeg uses for a `width`×`height` JPEG to give at least
// min_w×min_h. Exposed for tests.
int jpeg_scale_eighths(int width, int height, int min_w, int min_h);

}  // namespace nb::render

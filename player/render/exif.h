// EXIF orientation (tag 0x0112) read with libexif and applied to a decoded picture. A JPEG
// carries it in its APP1 segment, a PNG in its eXIf chunk, a WebP in its EXIF chunk; browsers
// and phones honour all three, so a board does too.
#pragma once

#include <string_view>

#include "render/surface.h"

namespace nb::render {

// 1..8 as EXIF defines it, from a JPEG's, PNG's or WebP's bytes (the whole file, or a start
// that holds the block); 1 (as stored) when absent, unreadable or another format.
int exif_orientation(std::string_view file_bytes);

// Returns the picture turned upright; the input when orientation is 1.
SurfacePtr apply_orientation(SurfacePtr image, int orientation);

}  // namespace nb::render

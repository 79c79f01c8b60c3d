// EXIF orientation (tag 0x0112) read with libexif and applied to a decoded picture.
#pragma once

#include <string_view>

#include "render/surface.h"

namespace nb::render {

// 1..8 as EXIF defines it; 1 (as stored) when absent or unreadable.
int exif_orientation(std::string_view file_bytes);

// Returns the picture turned upright; the input when orientation is 1.
SurfacePtr apply_orientation(SurfacePtr image, int orientation);

}  // namespace nb::render

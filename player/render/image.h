// Decoding pictures for slides: size checked from the header before decoding, EXIF
// orientation honoured, and downscaled at once to what the screen (and the GPU's largest
// texture) can show, so a 50-megapixel photo costs a screenful of memory after load. A JPEG
// is scaled down by its decoder already, so it never exists at full size at all.
#pragma once

#include <string>
#include <string_view>

#include "core/image_header.h"
#include "core/result.h"
#include "render/surface.h"

namespace nb::render {

enum class Fit { Cover, Contain };

inline constexpr long long kMaxImagePixels = 50'000'000;
inline constexpr int kMaxImageSide = 16384;

struct ImageRequest {
    int box_w = 0, box_h = 0;  // the area it will be drawn into, px
    Fit fit = Fit::Cover;
    int max_texture = 4096;    // the renderer's limit (2048 on a Pi 3)
};

Result<SurfacePtr> load_image(const std::string& path, const ImageRequest& request);

// The picture as ARGB8888 in its stored orientation, from a file whose header
// read_image_header() has read and size-checked as `format`. JPEGs go to libjpeg
// (render/jpeg.h), which decodes them scaled down to no less than min_w×min_h (0: full
// size); GIFs to giflib (render/gif.h); the rest to SDL_image, at full size.
struct DecodeSize {
    int min_w = 0, min_h = 0;
};
Result<SurfacePtr> decode_picture(std::string_view bytes, ImageFormat format, DecodeSize size = {});

// A very soft, small version of a picture, for the fill around a contained image.
SurfacePtr blurred_backdrop(const SDL_Surface* source);

// Adds `picture` to the scene filling `box` exactly: cropped to the box's shape around
// its centre (on the CPU, since scenes draw whole bitmaps).
struct Scene;
struct Rect;
void put_cover(Scene& scene, const SurfacePtr& picture, const Rect& box);

// The rectangle a w×h picture occupies when fitted into box.
struct FitRect {
    float x, y, w, h;
};
FitRect fit_rect(int w, int h, float box_x, float box_y, float box_w, float box_h, Fit fit);

}  // namespace nb::render

// Decoding pictures for slides: size checked from the header before decoding, EXIF
// orientation honoured, and downscaled at once to what the screen (and the GPU's largest
// texture) can show, so a 50-megapixel photo costs a screenful of memory after load. A JPEG
// is scaled down by its decoder already, so it never exists at full size at all.
#pragma once

#include <string>
#include <string_view>

#include "core/image_header.h"
#include "core/limits.h"
#include "core/result.h"
#include "render/picture.h"
#include "render/surface.h"

namespace nb::render {

enum class Fit { Cover, Contain };

// core/limits.h's, in the types the decoders take.
inline constexpr long long kMaxImagePixels = static_cast<long long>(size_limits::kMaxImagePixels);
inline constexpr int kMaxImageSide = static_cast<int>(size_limits::kMaxImageSide);

struct ImageRequest {
    int box_w = 0, box_h = 0;  // the area it will be drawn into, px
    Fit fit = Fit::Cover;
    int max_texture = 4096;    // the renderer's limit (2048 on a Pi 3)
};

// With `sha256` (the bytes the playlist pins, if it does), a file that no longer has them is
// refused, never shown: a page is prepared long after its playlist was checked, and may be
// drawn again (render/picture.h) later still.
Result<SurfacePtr> load_image(const std::string& path, const ImageRequest& request, const std::string& sha256 = {});

// The picture as ARGB8888 in its stored orientation, from a file whose header
// read_image_header() has read and size-checked as `format`. JPEGs go to libjpeg
// (render/jpeg.h), which decodes them scaled down to no less than min_w×min_h (0: full
// size) and, with out_w×out_h, shrinks them to exactly that as it decodes; GIFs to giflib
// (render/gif.h); the rest to SDL_image, at full size.
struct DecodeSize {
    int min_w = 0, min_h = 0;
    int out_w = 0, out_h = 0;
};
Result<SurfacePtr> decode_picture(std::string_view bytes, ImageFormat format, DecodeSize size = {});

// A very soft, small version of a picture, for the fill around a contained image.
SurfacePtr blurred_backdrop(const SDL_Surface* source);

// Where a picture's point of interest is, as fractions of its width and height from the top
// left: what a crop keeps in frame.
struct Focus {
    float x = 0.5f, y = 0.5f;
};

// The part of a pw×ph picture that fills a box of box_w×box_h exactly: the box's shape, as
// large as the picture allows, placed so `focus` stays in frame and as near the middle of the
// crop as the picture's edges let it be (the centre when the focus is the centre).
SDL_Rect cover_crop(int pw, int ph, float box_w, float box_h, Focus focus = {});

// Adds `picture` to the scene filling `box` exactly: cropped by cover_crop() (a view into
// its pixels, since scenes draw whole bitmaps). With `again` (which makes `picture` anew), as a
// Picture whose pixels may be let go once drawn. Returns the bitmap drawn, or null.
struct Scene;
struct Rect;
SurfacePtr put_cover(Scene& scene, const SurfacePtr& picture, const Rect& box, Focus focus = {},
                     const Picture::Decode& again = {});

// The rectangle a w×h picture occupies when fitted into box.
struct FitRect {
    float x, y, w, h;
};
FitRect fit_rect(int w, int h, float box_x, float box_y, float box_w, float box_h, Fit fit);

}  // namespace nb::render

// Picture files as a board meets them: header check, decoding, EXIF orientation, scaling.
#include <string>

#include "core/image_header.h"
#include "entries.h"
#include "render/exif.h"
#include "render/image.h"
#include "render/scene.h"
#include "scratch.h"

namespace nb::fuzz {

std::string image_entry(std::string_view input) {
    // What the playlist's media check reads first.
    const auto header = read_image_header(input);
    const int orientation = render::exif_orientation(input);
    if (orientation < 1 || orientation > 8) return "an EXIF orientation outside 1..8";

    // load_image() reads a file. A small box and texture limit make even a small picture
    // go through the downscale; the input's length picks cover or contain.
    const std::string path = put_scratch_file("picture", input);
    render::ImageRequest request;
    request.box_w = 48;
    request.box_h = 27;
    request.fit = input.size() % 2 ? render::Fit::Contain : render::Fit::Cover;
    request.max_texture = 40;
    auto image = render::load_image(path, request);
    if (!image) return "";
    const SDL_Surface* s = image->get();
    if (!s || s->w < 1 || s->h < 1 || s->w > request.max_texture || s->h > request.max_texture)
        return "a decoded picture of " + (s ? std::to_string(s->w) + "x" + std::to_string(s->h) : "null") +
               " for a limit of 40 px";

    // The photo template's cover crop and the blurred fill around a contained picture.
    render::Scene scene;
    render::put_cover(scene, *image, render::Rect{0, 0, 30, 30});
    render::SurfacePtr backdrop = render::blurred_backdrop(s);
    if (!backdrop) return "no backdrop for a decoded picture";

    // The header check exists so that no picture past the limits is ever decoded: the
    // decoder must not see a bigger picture than the header said (a GIF frame larger than
    // its logical screen, a JPEG with a second frame header …). Only what passed the header
    // check reaches a decoder on a board.
    if (!header) return "";
    auto raw = render::decode_picture(input, header->format);
    if (raw && ((*raw)->w > render::kMaxImageSide || (*raw)->h > render::kMaxImageSide ||
                static_cast<long long>((*raw)->w) * (*raw)->h > render::kMaxImagePixels))
        return "decoded " + std::to_string((*raw)->w) + "x" + std::to_string((*raw)->h) +
               " past the limits; the header said " + std::to_string(header->width) + "x" +
               std::to_string(header->height);
    return "";
}

}  // namespace nb::fuzz

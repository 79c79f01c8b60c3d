#include "render/exif.h"

#include <libexif/exif-data.h>

#include <cstdint>
#include <memory>

namespace nb::render {
namespace {

struct ExifDataDeleter {
    void operator()(ExifData* d) const { exif_data_unref(d); }
};

std::uint32_t& pixel(SDL_Surface* s, int x, int y) {
    return reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(s->pixels) + y * s->pitch)[x];
}

}  // namespace

int exif_orientation(std::string_view bytes) {
    // libexif looks for the APP1 segment itself; only JPEG carries it in practice.
    if (bytes.size() < 4 || static_cast<unsigned char>(bytes[0]) != 0xFF ||
        static_cast<unsigned char>(bytes[1]) != 0xD8)
        return 1;
    std::unique_ptr<ExifData, ExifDataDeleter> data(
        exif_data_new_from_data(reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<unsigned int>(bytes.size())));
    if (!data) return 1;
    ExifEntry* entry = exif_data_get_entry(data.get(), EXIF_TAG_ORIENTATION);
    if (!entry || entry->format != EXIF_FORMAT_SHORT || entry->components < 1) return 1;
    const int value = exif_get_short(entry->data, exif_data_get_byte_order(data.get()));
    return value >= 1 && value <= 8 ? value : 1;
}

SurfacePtr apply_orientation(SurfacePtr image, int orientation) {
    if (!image || orientation <= 1 || orientation > 8) return image;
    const int w = image->w, h = image->h;
    const bool swaps = orientation >= 5;  // 5..8 turn by a quarter
    SurfacePtr out = make_surface(swaps ? h : w, swaps ? w : h);
    if (!out) return image;
    SDL_LockSurface(image.get());
    SDL_LockSurface(out.get());
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            int dx = x, dy = y;
            switch (orientation) {
                case 2: dx = w - 1 - x; break;                      // mirror
                case 3: dx = w - 1 - x; dy = h - 1 - y; break;      // 180°
                case 4: dy = h - 1 - y; break;                      // flip
                case 5: dx = y; dy = x; break;                      // transpose
                case 6: dx = h - 1 - y; dy = x; break;              // 90° clockwise
                case 7: dx = h - 1 - y; dy = w - 1 - x; break;      // transverse
                case 8: dx = y; dy = w - 1 - x; break;              // 90° counter-clockwise
                default: break;
            }
            pixel(out.get(), dx, dy) = pixel(image.get(), x, y);
        }
    }
    SDL_UnlockSurface(out.get());
    SDL_UnlockSurface(image.get());
    return out;
}

}  // namespace nb::render

#include "render/exif.h"

#include <libexif/exif-data.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "core/bytes.h"
#include "core/image_header.h"

namespace nb::render {
namespace {

struct ExifDataDeleter {
    void operator()(ExifData* d) const { exif_data_unref(d); }
};

std::uint32_t& pixel(SDL_Surface* s, int x, int y) {
    return reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(s->pixels) + y * s->pitch)[x];
}

// libexif's input: "Exif\0\0" and the TIFF block after it, as in a JPEG's APP1 segment.
constexpr std::string_view kExifHeader("Exif\0\0", 6);

// A chunk's EXIF as libexif takes it. The PNG and WebP specifications store the TIFF block
// bare; some writers (Pillow's WebP, older exiftool) keep the JPEG's "Exif\0\0" in front.
std::string with_header(std::string_view block) {
    if (block.substr(0, kExifHeader.size()) == kExifHeader) return std::string(block);
    return std::string(kExifHeader) + std::string(block);
}

// A PNG's eXIf chunk (length, type, data, CRC; big-endian), before IEND, wherever it stands.
std::string png_exif(std::string_view b) {
    for (std::size_t at = 8; at + 12 <= b.size();) {
        const std::uint32_t length = bytes::be32(b, at);
        const std::string_view type = b.substr(at + 4, 4);
        if (length > b.size() - at - 12) break;  // cut short or malformed: no more chunks
        if (type == "eXIf") return with_header(b.substr(at + 8, length));
        if (type == "IEND") break;
        at += 12 + static_cast<std::size_t>(length);
    }
    return {};
}

// A WebP's EXIF chunk (fourcc, little-endian size, data padded to an even length).
std::string webp_exif(std::string_view b) {
    for (std::size_t at = 12; at + 8 <= b.size();) {
        const std::uint32_t size = bytes::le32(b, at + 4);
        if (size > b.size() - at - 8) break;
        if (b.substr(at, 4) == "EXIF") return with_header(b.substr(at + 8, size));
        at += 8 + static_cast<std::size_t>(size) + (size & 1);
    }
    return {};
}

// The orientation in what libexif reads: a JPEG (it finds the APP1 segment itself) or
// "Exif\0\0" and a TIFF block.
int orientation_in(std::string_view source) {
    if (source.empty() || source.size() > std::numeric_limits<unsigned int>::max()) return 1;
    std::unique_ptr<ExifData, ExifDataDeleter> data(exif_data_new_from_data(
        reinterpret_cast<const unsigned char*>(source.data()), static_cast<unsigned int>(source.size())));
    if (!data) return 1;
    ExifEntry* entry = exif_data_get_entry(data.get(), EXIF_TAG_ORIENTATION);
    if (!entry || entry->format != EXIF_FORMAT_SHORT || entry->components < 1) return 1;
    const int value = exif_get_short(entry->data, exif_data_get_byte_order(data.get()));
    return value >= 1 && value <= 8 ? value : 1;
}

}  // namespace

int exif_orientation(std::string_view b) {
    // A file whose header does not read is never decoded: its orientation does not matter.
    const auto header = read_image_header(b);
    if (!header) return 1;
    switch (header->format) {
        case ImageFormat::Jpeg: return orientation_in(b);
        case ImageFormat::Png: return orientation_in(png_exif(b));
        case ImageFormat::WebP: return orientation_in(webp_exif(b));
        case ImageFormat::Gif:
        case ImageFormat::Bmp: break;
    }
    return 1;
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

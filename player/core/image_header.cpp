#include "core/image_header.h"

#include <algorithm>
#include <string>

#include "core/bytes.h"

namespace nb {
namespace {

using bytes::be16;
using bytes::be32;
using bytes::le16;
using bytes::le24;
using bytes::le32;
using bytes::u8;

bool starts_with(std::string_view b, std::string_view prefix) { return b.substr(0, prefix.size()) == prefix; }

Result<ImageInfo> make(ImageFormat f, std::uint32_t w, std::uint32_t h) {
    if (w == 0 || h == 0)
        return fail(std::string(to_string(f)) + " header gives a size of " + std::to_string(w) + "×" +
                    std::to_string(h));
    return ImageInfo{w, h, f};
}

Error truncated(ImageFormat f) { return fail(std::string("truncated ") + to_string(f) + " header"); }

// JPEG: walk the marker segments until a start-of-frame. Markers may be padded with fill
// bytes (0xFF); RSTn, SOI, EOI and TEM carry no length. A scan (SOS) before any SOF means the
// file is not a JPEG we can size.
Result<ImageInfo> jpeg(std::string_view b) {
    std::size_t i = 2;
    for (;;) {
        if (i >= b.size()) return truncated(ImageFormat::Jpeg);
        if (u8(b, i) != 0xFF) return fail("JPEG segment does not start with a marker");
        while (i < b.size() && u8(b, i) == 0xFF) ++i;
        if (i >= b.size()) return truncated(ImageFormat::Jpeg);
        const std::uint32_t marker = u8(b, i++);
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
        if (marker == 0xD9 || marker == 0xDA) return fail("JPEG has no frame header before its image data");
        if (i + 2 > b.size()) return truncated(ImageFormat::Jpeg);
        const std::uint32_t length = be16(b, i);
        if (length < 2) return fail("JPEG segment has a bad length");
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            // length(2) precision(1) height(2) width(2)
            if (length < 7 || i + 7 > b.size()) return truncated(ImageFormat::Jpeg);
            return make(ImageFormat::Jpeg, be16(b, i + 5), be16(b, i + 3));
        }
        i += length;
    }
}

Result<ImageInfo> png(std::string_view b) {
    // signature(8) length(4) "IHDR" width(4) height(4)
    if (b.size() < 24) return truncated(ImageFormat::Png);
    if (b.substr(12, 4) != "IHDR") return fail("PNG does not start with an IHDR chunk");
    const std::uint32_t w = be32(b, 16), h = be32(b, 20);
    if (w > 0x7FFFFFFF || h > 0x7FFFFFFF) return fail("PNG header gives an invalid size");
    return make(ImageFormat::Png, w, h);
}

// GIF: the logical screen, and the size of the first image, which may be larger and makes
// the canvas larger (render/gif.cpp, which checks the same bound again as it decodes). The
// blocks are walked leniently, as SDL_image 2.6 (which decoded GIFs until it failed under
// fuzzing) reads them: bytes that start no block are skipped, and an image that does not
// start (an LZW code size over 12, or a side of 0) is passed over and the scan goes on at
// the next ',' (which may sit inside that image's data); giflib refuses such files. A prefix
// that ends before an image that starts gives the screen.
Result<ImageInfo> gif(std::string_view b) {
    if (b.size() < 10) return truncated(ImageFormat::Gif);
    std::uint32_t w = le16(b, 6), h = le16(b, 8);
    const auto colour_table = [&b](std::size_t flags_at) {
        return flags_at < b.size() && (u8(b, flags_at) & 0x80) ? 3u << ((u8(b, flags_at) & 7) + 1) : 0u;
    };
    std::size_t i = 13 + colour_table(10);
    while (i < b.size() && b[i] != ';') {
        const char block = b[i++];
        if (block == '!') {  // extension: a label, then data sub-blocks up to an empty one
            ++i;
            while (i < b.size() && u8(b, i) != 0) i += 1 + u8(b, i);
            ++i;
        } else if (block == ',') {  // image: left(2) top(2) width(2) height(2) flags(1)
            const std::size_t code_size_at = i + 9 + colour_table(i + 8);
            if (code_size_at >= b.size()) break;
            if (u8(b, code_size_at) <= 12 && le16(b, i + 4) > 0 && le16(b, i + 6) > 0) {
                w = std::max(w, le16(b, i + 4));
                h = std::max(h, le16(b, i + 6));
                break;
            }
            i = code_size_at + 1;
        }
    }
    return make(ImageFormat::Gif, w, h);
}

// WebP: a RIFF container whose first chunk is VP8 (lossy), VP8L (lossless) or VP8X
// (extended, which carries the canvas size).
Result<ImageInfo> webp(std::string_view b) {
    if (b.size() < 30) return truncated(ImageFormat::WebP);
    const std::string_view chunk = b.substr(12, 4);
    const std::size_t data = 20;
    if (chunk == "VP8 ") {
        // frame tag(3), start code 9D 01 2A, then 14-bit width and height (2 scale bits each)
        if (u8(b, data + 3) != 0x9D || u8(b, data + 4) != 0x01 || u8(b, data + 5) != 0x2A)
            return fail("WebP VP8 frame has no start code");
        return make(ImageFormat::WebP, le16(b, data + 6) & 0x3FFF, le16(b, data + 8) & 0x3FFF);
    }
    if (chunk == "VP8L") {
        if (u8(b, data) != 0x2F) return fail("WebP VP8L stream has no signature");
        const std::uint32_t bits = le32(b, data + 1);
        return make(ImageFormat::WebP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
    }
    if (chunk == "VP8X") {
        // flags(1) reserved(3) canvas width-1 (24 bits) canvas height-1 (24 bits)
        return make(ImageFormat::WebP, le24(b, data + 4) + 1, le24(b, data + 7) + 1);
    }
    return fail("WebP has an unknown first chunk");
}

Result<ImageInfo> bmp(std::string_view b) {
    if (b.size() < 18) return truncated(ImageFormat::Bmp);
    const std::uint32_t header = le32(b, 14);
    if (header == 12) {  // BITMAPCOREHEADER: 16-bit sides
        if (b.size() < 22) return truncated(ImageFormat::Bmp);
        return make(ImageFormat::Bmp, le16(b, 18), le16(b, 20));
    }
    if (header < 40) return fail("BMP has an unknown header");
    if (b.size() < 26) return truncated(ImageFormat::Bmp);
    // Signed 32-bit sides; a negative height means rows are stored top-down.
    const auto w = static_cast<std::int64_t>(static_cast<std::int32_t>(le32(b, 18)));
    auto h = static_cast<std::int64_t>(static_cast<std::int32_t>(le32(b, 22)));
    if (h < 0) h = -h;
    if (w <= 0 || h > 0x7FFFFFFF) return fail("BMP header gives an invalid size");
    return make(ImageFormat::Bmp, static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(h));
}

}  // namespace

Result<ImageInfo> read_image_header(std::string_view b) {
    if (starts_with(b, "\xFF\xD8\xFF")) return jpeg(b);
    if (starts_with(b, "\x89PNG\r\n\x1A\n")) return png(b);
    if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return gif(b);
    if (starts_with(b, "RIFF") && b.size() >= 12 && b.substr(8, 4) == "WEBP") return webp(b);
    if (starts_with(b, "BM")) return bmp(b);
    return fail("not a JPEG, PNG, GIF, WebP or BMP image");
}

const char* to_string(ImageFormat f) {
    switch (f) {
        case ImageFormat::Jpeg: return "JPEG";
        case ImageFormat::Png: return "PNG";
        case ImageFormat::Gif: return "GIF";
        case ImageFormat::WebP: return "WebP";
        case ImageFormat::Bmp: return "BMP";
    }
    return "image";
}

}  // namespace nb

#include "render/gif.h"

#include <gif_lib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace nb::render {
namespace {

struct MemoryReader {
    std::string_view bytes;
    std::size_t at = 0;
};

// giflib's InputFunc: a short read is how it learns the file is cut short.
int read_memory(GifFileType* gif, GifByteType* out, int wanted) {
    auto* reader = static_cast<MemoryReader*>(gif->UserData);
    const std::size_t n = std::min(static_cast<std::size_t>(std::max(wanted, 0)), reader->bytes.size() - reader->at);
    std::memcpy(out, reader->bytes.data() + reader->at, n);
    reader->at += n;
    return static_cast<int>(n);
}

struct GifCloser {
    void operator()(GifFileType* gif) const {
        int ignored = 0;
        DGifCloseFile(gif, &ignored);
    }
};
using GifPtr = std::unique_ptr<GifFileType, GifCloser>;

std::string gif_error(const GifFileType* gif) {
    const char* why = GifErrorString(gif->Error);
    return std::string("GIF: ") + (why ? why : "cannot be read");
}

// Reads the extension blocks in front of the first image; keeps the transparent colour of
// the last graphic control block (the one that applies to the image after it).
bool read_extension(GifFileType* gif, int& transparent) {
    int code = 0;
    GifByteType* block = nullptr;
    if (DGifGetExtension(gif, &code, &block) == GIF_ERROR) return false;
    if (code == GRAPHICS_EXT_FUNC_CODE && block) {
        GraphicsControlBlock gcb{};
        if (DGifExtensionToGCB(block[0], block + 1, &gcb) == GIF_OK) transparent = gcb.TransparentColor;
    }
    while (block) {
        if (DGifGetExtensionNext(gif, &block) == GIF_ERROR) return false;
    }
    return true;
}

}  // namespace

Result<SurfacePtr> decode_gif_first_frame(std::string_view bytes, int max_side, long long max_pixels) {
    MemoryReader reader{bytes};
    int error = 0;
    GifPtr gif(DGifOpen(&reader, read_memory, &error));
    if (!gif) return fail(std::string("GIF: ") + (GifErrorString(error) ? GifErrorString(error) : "cannot be opened"));

    int transparent = NO_TRANSPARENT_COLOR;
    for (;;) {
        GifRecordType record = UNDEFINED_RECORD_TYPE;
        if (DGifGetRecordType(gif.get(), &record) == GIF_ERROR) return fail(gif_error(gif.get()));
        if (record == TERMINATE_RECORD_TYPE) return fail("GIF: the file holds no image");
        if (record == EXTENSION_RECORD_TYPE) {
            if (!read_extension(gif.get(), transparent)) return fail(gif_error(gif.get()));
            continue;
        }
        if (record == IMAGE_DESC_RECORD_TYPE) break;
    }
    if (DGifGetImageDesc(gif.get()) == GIF_ERROR) return fail(gif_error(gif.get()));

    const GifImageDesc& frame = gif->Image;
    if (frame.Width <= 0 || frame.Height <= 0) return fail("GIF: the first image has a side of 0");
    const ColorMapObject* colours = frame.ColorMap ? frame.ColorMap : gif->SColorMap;
    if (!colours || !colours->Colors) return fail("GIF: the first image has no colour table");

    // The logical screen, grown to hold a first image larger than it (as browsers do);
    // read_image_header() bounds the same size before anything is decoded.
    const int width = std::max(gif->SWidth, frame.Width), height = std::max(gif->SHeight, frame.Height);
    if (width > max_side || height > max_side || static_cast<long long>(width) * height > max_pixels)
        return fail("GIF: " + std::to_string(width) + "×" + std::to_string(height) + " is past the size limit");

    std::array<std::uint32_t, 256> palette;
    palette.fill(0xFF000000u);  // an index past the colour table shows black
    for (int i = 0; i < std::min(colours->ColorCount, 256); ++i) {
        const GifColorType& c = colours->Colors[i];
        palette[static_cast<std::size_t>(i)] = 0xFF000000u | (std::uint32_t{c.Red} << 16) |
                                               (std::uint32_t{c.Green} << 8) | c.Blue;
    }
    if (transparent >= 0 && transparent < 256) palette[static_cast<std::size_t>(transparent)] = 0;

    SurfacePtr canvas = make_surface(width, height);
    if (!canvas) return fail("GIF: out of memory for a " + std::to_string(width) + "×" + std::to_string(height) + " picture");

    // Interlaced images send every 8th row from 0, every 8th from 4, every 4th from 2, then
    // every 2nd from 1.
    std::vector<int> rows;
    rows.reserve(static_cast<std::size_t>(frame.Height));
    if (frame.Interlace) {
        constexpr int start[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
        for (int pass = 0; pass < 4; ++pass)
            for (int y = start[pass]; y < frame.Height; y += step[pass]) rows.push_back(y);
    } else {
        for (int y = 0; y < frame.Height; ++y) rows.push_back(y);
    }

    std::vector<GifPixelType> line(static_cast<std::size_t>(frame.Width));
    auto* pixels = static_cast<std::uint8_t*>(canvas->pixels);
    for (const int row : rows) {
        if (DGifGetLine(gif.get(), line.data(), frame.Width) == GIF_ERROR) return fail(gif_error(gif.get()));
        const int y = frame.Top + row;
        if (y < 0 || y >= height) continue;
        auto* out = reinterpret_cast<std::uint32_t*>(pixels + static_cast<std::ptrdiff_t>(y) * canvas->pitch);
        for (int x = 0; x < frame.Width; ++x) {
            const int cx = frame.Left + x;
            if (cx >= 0 && cx < width) out[cx] = palette[line[static_cast<std::size_t>(x)]];
        }
    }
    return canvas;
}

}  // namespace nb::render

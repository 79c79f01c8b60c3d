// Writes small GIFs with giflib's encoder, so the tests can state exactly what a file holds
// (screen, frames, offsets, interlacing, transparency) instead of keeping opaque binaries.
#pragma once

#include <gif_lib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace nb::test {

struct GifFrame {
    int left = 0, top = 0, width = 0, height = 0;
    bool interlaced = false;
    int transparent = NO_TRANSPARENT_COLOR;  // a palette index, or none
    std::vector<std::uint8_t> pixels;        // width*height palette indexes, row by row
};

// A GIF89a of a screen_w×screen_h logical screen with `palette` (RGB triples, padded to a
// power of two) as its global colour table and `frames` in order.
inline std::string write_gif(int screen_w, int screen_h, std::vector<GifColorType> palette,
                             const std::vector<GifFrame>& frames) {
    std::string out;
    auto append = [](GifFileType* gif, const GifByteType* bytes, int n) {
        static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
        return n;
    };
    int error = 0;
    GifFileType* gif = EGifOpen(&out, append, &error);
    if (!gif) return {};
    int size = 2;
    while (size < static_cast<int>(palette.size())) size *= 2;
    palette.resize(static_cast<std::size_t>(size), GifColorType{0, 0, 0});
    ColorMapObject* colours = GifMakeMapObject(size, palette.data());
    EGifSetGifVersion(gif, true);
    bool ok = EGifPutScreenDesc(gif, screen_w, screen_h, 8, 0, colours) == GIF_OK;
    for (const GifFrame& f : frames) {
        GraphicsControlBlock gcb{};
        gcb.DelayTime = 50;
        gcb.TransparentColor = f.transparent;
        GifByteType ext[4];
        const auto ext_len = EGifGCBToExtension(&gcb, ext);
        ok = ok && EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(ext_len), ext) == GIF_OK;
        ok = ok && EGifPutImageDesc(gif, f.left, f.top, f.width, f.height, f.interlaced, nullptr) == GIF_OK;
        // An interlaced image is sent in four passes of rows; EGifPutLine writes in call order.
        std::vector<int> rows;
        if (f.interlaced) {
            const int start[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
            for (int pass = 0; pass < 4; ++pass)
                for (int y = start[pass]; y < f.height; y += step[pass]) rows.push_back(y);
        } else {
            for (int y = 0; y < f.height; ++y) rows.push_back(y);
        }
        for (int y : rows) {
            std::vector<GifPixelType> line(f.pixels.begin() + y * f.width, f.pixels.begin() + (y + 1) * f.width);
            ok = ok && EGifPutLine(gif, line.data(), f.width) == GIF_OK;
        }
    }
    GifFreeMapObject(colours);
    ok = EGifCloseFile(gif, &error) == GIF_OK && ok;
    return ok ? out : std::string();
}

}  // namespace nb::test

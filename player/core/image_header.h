// Image dimensions from the first bytes of a file, without decoding any pixels. Used to
// refuse oversized or unreadable media at the edge, before SDL_image or the GPU see it.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"

namespace nb {

enum class ImageFormat { Jpeg, Png, Gif, WebP, Bmp };

struct ImageInfo {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    ImageFormat format = ImageFormat::Jpeg;
};

// Reads the width and height from the header of a JPEG (the first SOFn segment), PNG
// (IHDR), GIF (logical screen), WebP (VP8, VP8L or VP8X) or BMP. `bytes` may be the whole
// file or a prefix of it. Fails on anything else, on a truncated header and on a zero side.
Result<ImageInfo> read_image_header(std::string_view bytes);

const char* to_string(ImageFormat f);

}  // namespace nb

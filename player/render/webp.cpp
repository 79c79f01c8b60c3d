#include "render/webp.h"

#include <webp/demux.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

namespace nb::render {
namespace {

struct AnimDecoderDeleter {
    void operator()(WebPAnimDecoder* d) const { WebPAnimDecoderDelete(d); }
};

}  // namespace

bool is_animated_webp(std::string_view b) {
    // "RIFF" size "WEBP" "VP8X" chunk-size flags: bit 1 of the flags is the animation flag.
    return b.size() > 20 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP" && b.substr(12, 4) == "VP8X" &&
           (static_cast<unsigned char>(b[20]) & 0x02) != 0;
}

Result<SurfacePtr> decode_webp_first_frame(std::string_view bytes, int max_side, long long max_pixels) {
    const WebPData data{reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
    WebPAnimDecoderOptions options;
    if (!WebPAnimDecoderOptionsInit(&options)) return fail("WebP: the decoder library does not match");
    options.color_mode = MODE_BGRA;  // B G R A in memory: ARGB8888 on a little-endian machine
    options.use_threads = 0;
    // Needs the whole file: a cut-short one is refused here, not shown in part.
    std::unique_ptr<WebPAnimDecoder, AnimDecoderDeleter> decoder(WebPAnimDecoderNew(&data, &options));
    if (!decoder) return fail("WebP: not a whole animated WebP");
    WebPAnimInfo info;
    if (!WebPAnimDecoderGetInfo(decoder.get(), &info)) return fail("WebP: cannot read its canvas");
    const auto w = static_cast<long long>(info.canvas_width), h = static_cast<long long>(info.canvas_height);
    if (w < 1 || h < 1 || w > max_side || h > max_side || w * h > max_pixels)
        return fail("WebP: a canvas of " + std::to_string(w) + "×" + std::to_string(h) + " is too large");
    std::uint8_t* frame = nullptr;
    int timestamp = 0;
    if (!WebPAnimDecoderGetNext(decoder.get(), &frame, &timestamp) || !frame)
        return fail("WebP: its first frame does not decode");
    SurfacePtr out = make_surface(static_cast<int>(w), static_cast<int>(h));
    if (!out) return fail("out of memory for the picture");
    for (long long y = 0; y < h; ++y)
        std::memcpy(static_cast<std::uint8_t*>(out->pixels) + y * out->pitch, frame + y * w * 4,
                    static_cast<std::size_t>(w) * 4);
    return out;
}

}  // namespace nb::render

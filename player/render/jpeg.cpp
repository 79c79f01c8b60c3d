#include "render/jpeg.h"

#include <SDL_endian.h>

#include <algorithm>
#include <csetjmp>
#include <cstdint>
#include <cstdio>  // jpeglib.h needs FILE and size_t declared first
#include <optional>
#include <string>
#include <vector>

#include <jpeglib.h>

#include "render/row_shrink.h"

namespace nb::render {
namespace {

// libjpeg reports a fatal error by calling error_exit, which must not return. Ours longjmps
// back to the setjmp in guarded(). C++ allows that only when no frame the jump skips holds
// an object with a non-trivial destructor: the skipped frames are libjpeg's own (C) and the
// steps passed to guarded(), which hold plain values only. Everything that must be released
// (the decompressor and its memory pools, the output surface) lives in decode_jpeg()'s frame,
// outside the jump, and is released by RAII there.
struct ErrorManager {
    jpeg_error_mgr pub;  // first member: libjpeg hands back a pointer to it
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void on_fatal_error(j_common_ptr cinfo) {
    auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

// Warnings (corrupt data libjpeg can decode around) would go to stderr; a cut-short file is
// refused before decoding (render/image.cpp), the rest is shown as libjpeg repaired it.
void on_message(j_common_ptr) {}

struct Decoder {
    jpeg_decompress_struct cinfo{};
    ErrorManager err{};
    Decoder() {
        cinfo.err = jpeg_std_error(&err.pub);
        err.pub.error_exit = on_fatal_error;
        err.pub.output_message = on_message;
    }
    ~Decoder() { jpeg_destroy_decompress(&cinfo); }  // safe on a zeroed or half-made one
    Decoder(const Decoder&) = delete;
    Decoder& operator=(const Decoder&) = delete;
};

// Runs step() with libjpeg's fatal errors turned into `false` (the reason in err.message).
// `step` must hold no object with a non-trivial destructor (see ErrorManager).
template <typename Step>
bool guarded(Decoder& d, Step step) {
    if (setjmp(d.err.jump)) return false;
    step();
    return true;
}

std::uint8_t mul255(unsigned a, unsigned b) { return static_cast<std::uint8_t>((a * b + 127) / 255); }

// CMYK (ink amounts) to opaque ARGB. Adobe's files (the APP14 marker; every YCCK file has
// one) store the ink inverted: 255 is no ink. Without the marker, 255 is full ink.
void cmyk_row_to_argb(const JSAMPLE* in, std::uint32_t* out, JDIMENSION width, bool inverted) {
    for (JDIMENSION x = 0; x < width; ++x, in += 4) {
        unsigned c = in[0], m = in[1], y = in[2], k = in[3];
        if (!inverted) c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
        out[x] = 0xFF000000u | (std::uint32_t{mul255(c, k)} << 16) | (std::uint32_t{mul255(m, k)} << 8) | mul255(y, k);
    }
}

}  // namespace

int jpeg_scale_eighths(int width, int height, int min_w, int min_h) {
    // libjpeg's output side is ceil(side * n / 8).
    auto covers = [](long long side, int n, int wanted) { return (side * n + 7) / 8 >= wanted; };
    for (int n = 1; n < 8; ++n)
        if (covers(width, n, min_w) && covers(height, n, min_h)) return n;
    return 8;
}

namespace {

// decode_jpeg() from the source `set_source(cinfo)` gives libjpeg (it must hold no object with
// a non-trivial destructor: it runs inside guarded()).
template <typename SetSource>
Result<SurfacePtr> decode(const SetSource& set_source, const JpegRequest& request) {
    Decoder d;
    jpeg_decompress_struct* const cinfo = &d.cinfo;
    auto failed = [&] { return fail(std::string("JPEG: ") + d.err.message); };

    if (!guarded(d, [&] {
            jpeg_create_decompress(cinfo);
            set_source(cinfo);
            jpeg_read_header(cinfo, TRUE);
        }))
        return failed();

    // The header check read the first frame header; the decoder reads the one it decodes.
    const long long w = cinfo->image_width, h = cinfo->image_height;
    if ((request.max_side > 0 && (w > request.max_side || h > request.max_side)) ||
        (request.max_pixels > 0 && w * h > request.max_pixels))
        return fail("JPEG: " + std::to_string(w) + "×" + std::to_string(h) + " is past the size limit");

    const bool ink = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    const bool inverted = ink && cinfo->saw_Adobe_marker;
    cinfo->out_color_space = ink ? JCS_CMYK : (SDL_BYTEORDER == SDL_LIL_ENDIAN ? JCS_EXT_BGRA : JCS_EXT_ARGB);
    cinfo->scale_num = static_cast<unsigned>(
        request.min_w > 0 || request.min_h > 0
            ? jpeg_scale_eighths(static_cast<int>(w), static_cast<int>(h), request.min_w, request.min_h)
            : 8);
    cinfo->scale_denom = 8;
    cinfo->dct_method = JDCT_ISLOW;
    if (!guarded(d, [&] { jpeg_calc_output_dimensions(cinfo); })) return failed();

    const int scaled_w = static_cast<int>(cinfo->output_width), scaled_h = static_cast<int>(cinfo->output_height);
    const bool shrink = request.out_w > 0 && request.out_h > 0 && (request.out_w < scaled_w || request.out_h < scaled_h);
    const int out_w = shrink ? std::min(request.out_w, scaled_w) : scaled_w;
    const int out_h = shrink ? std::min(request.out_h, scaled_h) : scaled_h;
    SurfacePtr out = make_surface(out_w, out_h);
    if (!out) return fail("JPEG: out of memory for a " + std::to_string(out_w) + "×" + std::to_string(out_h) + " picture");
    auto* const pixels = static_cast<std::uint8_t*>(out->pixels);
    const int pitch = out->pitch;
    // Shrinking: each decoded row goes through one row of our own, never the whole picture.
    std::vector<std::uint32_t> scanline(shrink ? static_cast<std::size_t>(scaled_w) : 0);
    std::optional<RowShrink> shrinker;
    if (shrink) shrinker.emplace(scaled_w, scaled_h, out_w, out_h, pixels, pitch);

    if (!guarded(d, [&] {
            jpeg_start_decompress(cinfo);
            // One row of ink from libjpeg's own pool (released with the decompressor).
            JSAMPARRAY ink_row = ink ? (*cinfo->mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(cinfo), JPOOL_IMAGE,
                                                                    cinfo->output_width * 4, 1)
                                     : nullptr;
            while (cinfo->output_scanline < cinfo->output_height) {
                auto* row = shrink ? reinterpret_cast<std::uint8_t*>(scanline.data())
                                   : pixels + static_cast<std::ptrdiff_t>(cinfo->output_scanline) * pitch;
                JSAMPROW rows[1] = {ink ? ink_row[0] : row};
                // 0 only if the source suspended, which neither a memory nor a stdio source
                // does; then jpeg_finish_decompress() fails for the rows missing.
                if (jpeg_read_scanlines(cinfo, rows, 1) != 1) break;
                if (ink) cmyk_row_to_argb(ink_row[0], reinterpret_cast<std::uint32_t*>(row), cinfo->output_width, inverted);
                if (shrink) shrinker->push(scanline.data());
            }
            jpeg_finish_decompress(cinfo);
        }))
        return failed();
    return out;
}

}  // namespace

Result<SurfacePtr> decode_jpeg(std::string_view bytes, const JpegRequest& request) {
    return decode(
        [&](j_decompress_ptr cinfo) {
            jpeg_mem_src(cinfo, reinterpret_cast<const unsigned char*>(bytes.data()),
                         static_cast<unsigned long>(bytes.size()));
        },
        request);
}

Result<SurfacePtr> decode_jpeg(std::FILE* file, const JpegRequest& request) {
    return decode([&](j_decompress_ptr cinfo) { jpeg_stdio_src(cinfo, file); }, request);
}

}  // namespace nb::render

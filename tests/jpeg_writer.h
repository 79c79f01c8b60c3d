// Writes JPEGs with libjpeg's encoder, so the tests can state what a file holds (its colour
// space, whether Adobe's APP14 marker is there, its size) instead of keeping opaque binaries.
// For tests and tools only: libjpeg's default error handler ends the process on an error,
// which for an encoder fed valid parameters means a bug in the test.
#pragma once

#include <cstdio>  // jpeglib.h needs FILE and size_t declared first
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include <jpeglib.h>

namespace nb::test {

// How the pixels are stored: what print newsrooms and cameras export.
enum class JpegInk {
    Rgb,        // YCbCr, as every camera
    Cmyk,       // CMYK without an Adobe marker: 255 is full ink
    AdobeCmyk,  // CMYK with Adobe's APP14 marker, stored inverted (as Photoshop writes it)
    Ycck,       // YCCK (Adobe, transform 2), stored inverted
};

struct Rgb {
    std::uint8_t r, g, b;
};

// A width×height JPEG of quality 90 whose pixel (x, y) is colour(x, y).
inline std::string write_jpeg(int width, int height, JpegInk ink, const std::function<Rgb(int, int)>& colour) {
    jpeg_compress_struct cinfo{};
    jpeg_error_mgr err{};
    cinfo.err = jpeg_std_error(&err);
    jpeg_create_compress(&cinfo);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&cinfo, &buffer, &size);
    cinfo.image_width = static_cast<JDIMENSION>(width);
    cinfo.image_height = static_cast<JDIMENSION>(height);
    const bool cmyk = ink != JpegInk::Rgb;
    cinfo.input_components = cmyk ? 4 : 3;
    cinfo.in_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    if (ink == JpegInk::Ycck) jpeg_set_colorspace(&cinfo, JCS_YCCK);
    if (ink == JpegInk::Cmyk) cinfo.write_Adobe_marker = FALSE;  // jpeg_set_defaults sets it for CMYK
    jpeg_set_quality(&cinfo, 90, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    const bool inverted = ink == JpegInk::AdobeCmyk || ink == JpegInk::Ycck;
    std::vector<JSAMPLE> row(static_cast<std::size_t>(width) * static_cast<std::size_t>(cinfo.input_components));
    while (cinfo.next_scanline < cinfo.image_height) {
        const int y = static_cast<int>(cinfo.next_scanline);
        for (int x = 0; x < width; ++x) {
            const Rgb c = colour(x, y);
            JSAMPLE* out = &row[static_cast<std::size_t>(x) * static_cast<std::size_t>(cinfo.input_components)];
            if (!cmyk) {
                out[0] = c.r, out[1] = c.g, out[2] = c.b;
                continue;
            }
            // Ink: black takes what the three colours share, they the rest.
            const int k = 255 - std::max({c.r, c.g, c.b});
            const int left = 255 - k;
            const int inks[4] = {left ? (left - c.r) * 255 / left : 0, left ? (left - c.g) * 255 / left : 0,
                                 left ? (left - c.b) * 255 / left : 0, k};
            for (int i = 0; i < 4; ++i) out[i] = static_cast<JSAMPLE>(inverted ? 255 - inks[i] : inks[i]);
        }
        JSAMPROW rows[1] = {row.data()};
        jpeg_write_scanlines(&cinfo, rows, 1);
    }
    jpeg_finish_compress(&cinfo);
    std::string out(reinterpret_cast<const char*>(buffer), size);
    jpeg_destroy_compress(&cinfo);
    std::free(buffer);
    return out;
}

}  // namespace nb::test

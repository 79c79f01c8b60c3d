// Full-screen pixel work the software renderer does slowly, done here on plain memory: SDL's
// blend of an opaque texture at an alpha takes ~1.4 ms a 1920x1080 frame and its copy ~1.6 ms
// (a generic blitter, two pixels at a time); these loops, vectorised by the compiler (AVX2
// where the CPU has it, NEON on a Pi), ~0.6 and ~0.2 ms (tests/bench/bench.cpp prints both). A
// crossfade on a machine without a GPU is 25 such blends a second.
//
// Pixels are 32-bit words, red in bits 16-23, green 8-15, blue 0-7 (SDL's RGB888 and
// ARGB8888); what is written has the top byte 255 (opaque), so either format reads it right.
#pragma once

#include <cstdint>

namespace nb::render {

// A rectangle of 32-bit pixels: w×h, rows `pitch` bytes apart.
template <typename Byte>
struct BasicRows {
    Byte* data = nullptr;
    int pitch = 0;
    int w = 0, h = 0;
    // The sub-rectangle at (x, y) of size w×h; the caller keeps it inside.
    BasicRows part(int x, int y, int pw, int ph) const {
        return {data + static_cast<long>(y) * pitch + static_cast<long>(x) * 4, pitch, pw, ph};
    }
};
using PixelRows = BasicRows<std::uint8_t>;
using ConstPixelRows = BasicRows<const std::uint8_t>;
inline ConstPixelRows read_only(const PixelRows& r) {
    return {r.data, r.pitch, r.w, r.h};
}

// dst becomes dst + (src − dst) · alpha / 255, each colour rounded to the nearest level, over
// the rectangle both have (the smaller of their sizes).
void blend_over(const PixelRows& dst, const ConstPixelRows& src, std::uint8_t alpha);

// dst becomes src, opaque.
void copy_opaque(const PixelRows& dst, const ConstPixelRows& src);

}  // namespace nb::render

#include "render/row_shrink.h"

#include <algorithm>

namespace nb::render {

RowShrink::Split RowShrink::split(int i, float scale, int cells) {
    const float start = static_cast<float>(i) / scale, end = static_cast<float>(i + 1) / scale;
    const int cell = std::min(static_cast<int>(start), cells - 1);  // never past the last, whatever the rounding
    const float boundary = static_cast<float>(cell + 1);
    if (end <= boundary) return {cell, 1.f, 0.f};
    const float first = (boundary - start) / (end - start);
    return {cell, first, cell + 1 < cells ? 1.f - first : 0.f};
}

RowShrink::RowShrink(int in_w, int in_h, int out_w, int out_h, std::uint8_t* out, int out_pitch)
    : in_w_(in_w),
      in_h_(in_h),
      out_w_(out_w),
      out_h_(out_h),
      out_(out),
      out_pitch_(out_pitch),
      sx_(static_cast<float>(in_w) / static_cast<float>(out_w)),
      sy_(static_cast<float>(in_h) / static_cast<float>(out_h)),
      line_(static_cast<std::size_t>(out_w + 1) * 4),
      acc_(static_cast<std::size_t>(out_w) * 4),
      next_(acc_.size()) {
    columns_.reserve(static_cast<std::size_t>(in_w));
    for (int x = 0; x < in_w; ++x) columns_.push_back(split(x, sx_, out_w));
}

void RowShrink::push(const std::uint32_t* row) {
    if (in_row_ >= in_h_) return;
    std::fill(line_.begin(), line_.end(), 0.f);
    // line_ has one cell past the last output pixel, so a column's share of the next cell is
    // added without a test (a zero share where there is none).
    float* const line = line_.data();
    for (int x = 0; x < in_w_; ++x) {
        const Split s = columns_[static_cast<std::size_t>(x)];
        const std::uint32_t p = row[x];
        float* const a = line + static_cast<std::ptrdiff_t>(s.cell) * 4;
        for (int c = 0; c < 4; ++c) {
            const float v = static_cast<float>((p >> (8 * c)) & 0xFF);
            a[c] += v * s.first;
            a[c + 4] += v * s.next;
        }
    }
    const Split s = split(in_row_, sy_, out_h_);
    const std::size_t n = static_cast<std::size_t>(out_w_) * 4;
    for (std::size_t i = 0; i < n; ++i) acc_[i] += line_[i] * s.first;
    if (s.first < 1.f)
        for (std::size_t i = 0; i < n; ++i) next_[i] += line_[i] * (1 - s.first);
    ++in_row_;
    // The output row is whole once the input has passed its lower edge (or the input ends).
    const bool last = in_row_ == in_h_;
    if (s.first < 1.f || last || split(in_row_, sy_, out_h_).cell != s.cell) {
        emit(s.cell, acc_);
        std::swap(acc_, next_);
        std::fill(next_.begin(), next_.end(), 0.f);
        if (last && s.first < 1.f) emit(s.cell + 1, acc_);
    }
}

void RowShrink::emit(int out_row, const std::vector<float>& acc) {
    if (out_row < 0 || out_row >= out_h_) return;
    const float norm = 1.f / (sx_ * sy_);
    auto* dst = reinterpret_cast<std::uint32_t*>(out_ + static_cast<std::ptrdiff_t>(out_row) * out_pitch_);
    // Rounded by adding a half and truncating, clamped first: std::lround() was a libm call per
    // byte, and took more of the side-by-side slideshow's CPU than libjpeg decoding its photo.
    for (int x = 0; x < out_w_; ++x) {
        std::uint32_t p = 0;
        for (int c = 0; c < 4; ++c) {
            const float v = std::clamp(acc[static_cast<std::size_t>(x) * 4 + c] * norm + 0.5f, 0.f, 255.f);
            p |= static_cast<std::uint32_t>(v) << (8 * c);
        }
        dst[x] = p;
    }
}

}  // namespace nb::render

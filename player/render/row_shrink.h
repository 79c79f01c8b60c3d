// Shrinks a picture that arrives one row at a time (libjpeg's scanlines) straight into the
// output, averaging each output pixel over the input area it covers: the decoded picture
// never exists whole. A 50-megapixel JPEG on a full-HD board decodes at libjpeg's 2/8
// (2160x1440, 12 MiB) and is shrunk to its ~1350x900 box as it comes: two float rows
// instead of the 12 MiB intermediate plus a 5 MiB copy.
#pragma once

#include <cstdint>
#include <vector>

namespace nb::render {

class RowShrink {
  public:
    // in_w×in_h 32-bit pixels (4 bytes, each averaged alone) into out_w×out_h at `out`
    // (rows `out_pitch` bytes apart); out_w <= in_w and out_h <= in_h, all > 0.
    RowShrink(int in_w, int in_h, int out_w, int out_h, std::uint8_t* out, int out_pitch);

    // The next input row (in_w pixels). Rows past in_h are ignored.
    void push(const std::uint32_t* row);

  private:
    // How input cell i (covering [i, i+1) in input units) falls into output cells `scale`
    // input units wide: the first it touches, the share of it there, and the share in the next
    // (1 - first, or 0 where it falls in one cell or the next is past the last).
    struct Split {
        int cell;
        float first;  // 0 … 1
        float next;   // 0 … 1
    };
    static Split split(int i, float scale, int cells);
    void emit(int out_row, const std::vector<float>& acc);

    int in_w_, in_h_, out_w_, out_h_;
    std::uint8_t* out_;
    int out_pitch_;
    int in_row_ = 0;
    float sx_, sy_;                 // input pixels per output pixel
    std::vector<Split> columns_;    // split() of each input column, worked out once
    std::vector<float> line_;       // the input row shrunk across: (out_w + 1) × 4, the last cell spare
    std::vector<float> acc_, next_; // the output row being filled and the one after it
};

}  // namespace nb::render

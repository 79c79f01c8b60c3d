#include "playlist/line_index.h"

#include <algorithm>

namespace nb::playlist {
namespace {

bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

LineIndex::LineIndex(std::string path, std::string_view text) : path_(std::move(path)), text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") bom_ = 3;
    line_starts_.push_back(0);
    std::size_t count = 0;
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (i % kBlock == 0) block_code_points_.push_back(count);
        if (starts_code_point(text_[i])) ++count;
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
    // So that the end of the text (a valid offset to locate) has its block too.
    if (text_.size() % kBlock == 0) block_code_points_.push_back(count);
}

std::size_t LineIndex::code_points_before(std::size_t offset) const {
    const std::size_t block = offset / kBlock;
    std::size_t count = block_code_points_[block];
    for (std::size_t i = block * kBlock; i < offset; ++i)
        if (starts_code_point(text_[i])) ++count;
    return count;
}

Location LineIndex::locate(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    // The last line start at or before the offset.
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
    std::size_t start = *it;
    if (start == 0) start = std::min(bom_, offset);
    const std::size_t column = code_points_before(offset) - code_points_before(start) + 1;
    return {path_, static_cast<int>(it - line_starts_.begin() + 1), static_cast<int>(column)};
}

}  // namespace nb::playlist

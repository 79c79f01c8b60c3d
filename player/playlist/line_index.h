// Byte offsets to compiler-style line:column. Lines and columns are 1-based; a column counts
// Unicode code points from the start of its line (a UTF-8 byte-order mark is not counted,
// as editors do not show it).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace nb::playlist {

class LineIndex {
public:
    // `text` must outlive the index; it need not be valid UTF-8 before `offset`s you ask about
    // (only the bytes before an offset on its own line are counted).
    LineIndex(std::string path, std::string_view text);

    // The location of the byte at `offset`; an offset at or past the end points just after
    // the last character.
    Location locate(std::size_t offset) const;

private:
    // Code points before every kBlock-th byte, so a column on a long (minified) line costs at
    // most kBlock byte steps instead of a scan from the line's start.
    static constexpr std::size_t kBlock = 256;
    std::size_t code_points_before(std::size_t offset) const;

    std::string path_;
    std::string_view text_;
    std::size_t bom_ = 0;
    std::vector<std::size_t> line_starts_;
    std::vector<std::size_t> block_code_points_;
};

}  // namespace nb::playlist

// The pasted text as the rest of the paste code reads it: decoded once into code points, cut
// into trimmed non-blank lines ("units"), each knowing where it came from (line, offset), so
// every change can say where in the paste it was made.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace nb::paste {

// A paste is a page or a few: a megabyte is some twenty pages of a paper.
inline constexpr std::size_t kMaxPasteBytes = 1024 * 1024;

// One non-blank line, trimmed of white space (ASCII, U+3000 indents, NBSP) at both ends.
struct Unit {
    std::size_t begin = 0;  // code point offsets into Source::text, [begin, end)
    std::size_t end = 0;
    std::size_t line = 0;          // 1-based line of the paste
    std::size_t blank_before = 0;  // blank lines between this unit and the one before
};

struct Source {
    std::u32string text;  // the whole paste; line breaks normalised to U+000A
    std::vector<std::size_t> line_starts;
    std::vector<Unit> units;

    std::u32string_view view(std::size_t begin, std::size_t end) const {
        return std::u32string_view(text).substr(begin, end - begin);
    }
    std::u32string_view view(const Unit& u) const { return view(u.begin, u.end); }
    std::size_t line_of(std::size_t offset) const;    // 1-based
    std::size_t column_of(std::size_t offset) const;  // 1-based, in code points
};

// Refuses what is not text: too large, not UTF-8 (with the byte offset). CR LF, CR, form feed,
// vertical tab, U+2028/2029 and NEL end a line; other control characters count as spaces.
Result<Source> read_source(std::string_view utf8);

bool is_space(char32_t cp);

}  // namespace nb::paste

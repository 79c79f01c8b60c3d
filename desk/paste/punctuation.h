// ASCII punctuation in Chinese text, made full-width: `6日, 高新区` → `6日，高新区`. Each edit is
// proposed, not made: the caller shows it and applies the ones staff accept.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nb::paste {

struct Edit {
    std::size_t begin = 0;  // [begin, end) in the text given, replaced by `replacement`
    std::size_t end = 0;
    std::u32string replacement;
};

// The edits for one line of text, in order, not overlapping:
// - , ; : ! ? with Chinese on a side (and something on the other) become ，；：！？, and the
//   spaces around them go: "6日, 高新区" → "6日，高新区"; "热线:6557709" → "热线：6557709";
//   "10:30", "1,000" and "Hello, world" stay.
// - . after Chinese at the end of the line, or between Chinese, becomes 。 ("3.5亿" stays).
// - A pair of ( ) with Chinese inside or on either side outside becomes （ ）; so do < > around
//   Chinese (〈 〉, the title inside a title) and " " (“ ”). f(x) and a<b stay.
std::vector<Edit> punctuation_edits(std::u32string_view line);

}  // namespace nb::paste

// Reading JSON string literals straight from the source text, for the places where the
// parsed value is not enough: object keys (to look members up by name in the locator) and
// the position of one character inside a literal (to point a diagnostic at it).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace nb::playlist::json_string {

// Offset just past the closing quote of the literal whose opening quote is at `quote`.
// Tolerant of bad input: an unterminated literal ends at the end of the text.
std::size_t end(std::string_view text, std::size_t quote);

// The decoded value (UTF-8) of a well-formed literal; escapes, including surrogate pairs,
// are resolved.
std::string decode(std::string_view text, std::size_t quote);

// Where the `index`-th decoded code point (0-based) of the literal at `quote` starts in the
// source: the character itself, or the backslash of its escape (for a surrogate pair, the
// first escape). nullopt when the literal has fewer code points.
std::optional<std::size_t> code_point_offset(std::string_view text, std::size_t quote, std::size_t index);

}  // namespace nb::playlist::json_string

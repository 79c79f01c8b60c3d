// UTF-8 at the edge: validated before any text reaches ICU, HarfBuzz or FreeType.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nb::utf8 {

// Index of the first byte that is not part of a well-formed UTF-8 sequence, or nullopt.
std::optional<std::size_t> first_invalid_byte(std::string_view s);
bool is_valid(std::string_view s);

// Decodes well-formed UTF-8; ill-formed bytes become U+FFFD.
std::u32string decode(std::string_view s);
std::string encode(char32_t cp);
std::string encode(std::u32string_view s);

// The string with every ill-formed byte replaced by U+FFFD: for texts from outside (error
// messages, header values) on their way into a log or a file that must be UTF-8.
std::string scrub(std::string_view s);

// Number of code points in a well-formed string.
std::size_t length(std::string_view s);

// "U+20BB7"
std::string code_point_name(char32_t cp);

// Characters that are never drawn: controls, line and paragraph separators, white space
// (ASCII, U+3000 …) and default ignorables (ZWSP, ZWJ, variation selectors, soft hyphen …).
bool is_invisible(char32_t cp);

// No character of `s` is drawn: it is empty, or holds only invisible ones.
bool is_blank(std::string_view s);

}  // namespace nb::utf8

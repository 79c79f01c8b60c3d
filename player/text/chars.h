// Character classes the Chinese typesetting rules are written in: which characters are
// CJK for spacing, which may not start or end a line (kinsoku, 避头尾), and which need
// no glyph at all.
#pragma once

#include <cstddef>
#include <string_view>

namespace nb::text {

// Han, kana, Hangul, full-width forms and the punctuation Chinese text sets full-width
// (East Asian Width W or F, plus “ ” ‘ ’ … — ·, which are ambiguous-width in Unicode).
bool is_cjk(char32_t cp);

// Closing punctuation that may not begin a line: ，。、；：？！）》」』〉】〕…‥·・％‰”’ and
// ASCII , . ; : ? ! ) ] } %.
bool is_forbidden_line_start(char32_t cp);

// Opening punctuation that may not end a line: （《「『〈【〔“‘ and ASCII ( [ {.
bool is_forbidden_line_end(char32_t cp);

// Characters that are never drawn and need no font (HarfBuzz synthesises spaces a font
// lacks): utf8::is_invisible(), the rule the playlist's blank texts are judged by too.
bool needs_no_glyph(char32_t cp);

// White space that hangs past the end of a line: kept in Line::text, never measured.
bool hangs_at_line_end(char32_t cp);

// Full-width closing punctuation whose glyph sits in the left half of its em box, so
// its right half is blank: ，。、；：”’）》」』】〕〉〗.
bool is_half_blank_closing(char32_t cp);

// Full-width punctuation that may follow another without a blank half-em between them:
// the closing marks above, the opening ones (“‘（《「『【〔〈〖) and ？！.
bool is_fullwidth_punctuation(char32_t cp);

// ASCII , ; : ! ? — given extra room when Chinese text follows (see layout.cpp).
bool is_ascii_pause(char32_t cp);

// The code point that starts at / ends just before a byte offset of UTF-8 text (0 past
// either end; U+FFFD for ill-formed bytes).
char32_t char_at(std::string_view s, std::size_t offset);
char32_t char_before(std::string_view s, std::size_t offset);

// Characters of `s` other than punctuation and white space: what a line's last word is
// counted in when a paragraph must not end on a single character (孤字) such as `处。`.
std::size_t count_letters(std::string_view s);

// Kinsoku (避头尾): may a line break at this byte offset? Not when the next line would
// start with closing punctuation, nor when this one would end with an opener.
bool kinsoku_allows(std::string_view s, std::size_t offset);

}  // namespace nb::text

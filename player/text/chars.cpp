#include "text/chars.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

#include "core/utf8.h"

namespace nb::text {
namespace {

bool is_ascii_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r'; }

}  // namespace

bool is_cjk(char32_t cp) {
    switch (cp) {
        case U'\u2018': case U'\u2019': case U'\u201C': case U'\u201D':  // ‘ ’ “ ”
        case U'\u2026': case U'\u2014': case U'\u00B7':                  // … — ·
            return true;
        default:
            break;
    }
    if (cp < 0x1100) return false;  // fast path: nothing below Hangul Jamo is wide
    const auto width =
        static_cast<UEastAsianWidth>(u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH));
    return width == U_EA_WIDE || width == U_EA_FULLWIDTH;
}

bool is_forbidden_line_start(char32_t cp) {
    switch (cp) {
        case U',': case U'.': case U';': case U':': case U'?': case U'!':
        case U')': case U']': case U'}': case U'%':
        case U'\uFF0C': case U'\u3002': case U'\u3001': case U'\uFF1B': case U'\uFF1A':  // ，。、；：
        case U'\uFF1F': case U'\uFF01': case U'\uFF09': case U'\uFF3D': case U'\uFF5D':  // ？！）］｝
        case U'\uFF0E':                                                                 // ．
        case U'\u300B': case U'\u300D': case U'\u300F': case U'\u3009': case U'\u3011':  // 》」』〉】
        case U'\u3015': case U'\u3017': case U'\u3019': case U'\u301B':                  // 〕〗〙〛
        case U'\u2026': case U'\u2025': case U'\u00B7': case U'\u30FB':                  // …‥·・
        case U'\uFF05': case U'\u2030':                                                 // ％‰
        case U'\u201D': case U'\u2019':                                                 // ” ’
            return true;
        default:
            return false;
    }
}

bool is_forbidden_line_end(char32_t cp) {
    switch (cp) {
        case U'(': case U'[': case U'{':
        case U'\uFF08': case U'\uFF3B': case U'\uFF5B':                                 // （［｛
        case U'\u300A': case U'\u300C': case U'\u300E': case U'\u3008': case U'\u3010':  // 《「『〈【
        case U'\u3014': case U'\u3016': case U'\u3018': case U'\u301A':                  // 〔〖〘〚
        case U'\u201C': case U'\u2018':                                                 // “ ‘
            return true;
        default:
            return false;
    }
}

bool is_half_blank_closing(char32_t cp) {
    switch (cp) {
        case U'\uFF0C': case U'\u3002': case U'\u3001': case U'\uFF1B': case U'\uFF1A':  // ，。、；：
        case U'\u201D': case U'\u2019': case U'\uFF09': case U'\u300B': case U'\u300D':  // ”’）》」
        case U'\u300F': case U'\u3011': case U'\u3015': case U'\u3009': case U'\u3017':  // 』】〕〉〗
            return true;
        default:
            return false;
    }
}

bool is_fullwidth_punctuation(char32_t cp) {
    if (is_half_blank_closing(cp)) return true;
    switch (cp) {
        case U'\u201C': case U'\u2018': case U'\uFF08': case U'\u300A': case U'\u300C':  // “‘（《「
        case U'\u300E': case U'\u3010': case U'\u3014': case U'\u3008': case U'\u3016':  // 『【〔〈〖
        case U'\uFF1F': case U'\uFF01':                                                   // ？！
            return true;
        default:
            return false;
    }
}

bool needs_no_glyph(char32_t cp) { return utf8::is_invisible(cp); }

bool hangs_at_line_end(char32_t cp) {
    return is_ascii_space(cp) || cp == U'\u3000' || cp == U'\u200B' || cp == U'\u2028' || cp == U'\u2029';
}

bool is_ascii_pause(char32_t cp) { return cp == U',' || cp == U';' || cp == U':' || cp == U'!' || cp == U'?'; }

char32_t char_at(std::string_view s, std::size_t offset) {
    if (offset >= s.size()) return 0;
    UChar32 c = 0;
    auto i = static_cast<std::int32_t>(offset);
    U8_NEXT(s.data(), i, static_cast<std::int32_t>(s.size()), c);
    return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

char32_t char_before(std::string_view s, std::size_t offset) {
    if (offset == 0 || offset > s.size()) return 0;
    UChar32 c = 0;
    auto i = static_cast<std::int32_t>(offset);
    U8_PREV(s.data(), 0, i, c);
    return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

std::size_t count_letters(std::string_view s) {
    std::size_t n = 0;
    const auto size = static_cast<std::int32_t>(s.size());
    for (std::int32_t i = 0; i < size;) {
        UChar32 c = 0;
        U8_NEXT(s.data(), i, size, c);
        if (c >= 0 && !u_ispunct(c) && !u_isUWhiteSpace(c) && !needs_no_glyph(static_cast<char32_t>(c))) ++n;
    }
    return n;
}

bool kinsoku_allows(std::string_view s, std::size_t offset) {
    return !is_forbidden_line_start(char_at(s, offset)) && !is_forbidden_line_end(char_before(s, offset));
}

}  // namespace nb::text

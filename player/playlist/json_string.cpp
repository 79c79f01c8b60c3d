#include "playlist/json_string.h"

#include "core/utf8.h"

namespace nb::playlist::json_string {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Four hex digits at text[i], or -1.
long hex4(std::string_view text, std::size_t i) {
    if (i + 4 > text.size()) return -1;
    long v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        const int h = hex_value(text[i + k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 1;
}

// One code point of the literal starting at text[i] (i is inside the literal, not at the
// closing quote). Returns the number of source bytes it takes and its value.
std::size_t next(std::string_view text, std::size_t i, char32_t& cp) {
    if (text[i] != '\\') {
        const std::size_t n = std::min(utf8_sequence_length(static_cast<unsigned char>(text[i])), text.size() - i);
        const std::u32string decoded = utf8::decode(text.substr(i, n));
        cp = decoded.empty() ? U'\uFFFD' : decoded.front();
        return n;
    }
    if (i + 1 >= text.size()) {
        cp = U'\\';
        return 1;
    }
    switch (text[i + 1]) {
        case 'b': cp = U'\b'; return 2;
        case 'f': cp = U'\f'; return 2;
        case 'n': cp = U'\n'; return 2;
        case 'r': cp = U'\r'; return 2;
        case 't': cp = U'\t'; return 2;
        case 'u': break;
        default: cp = static_cast<unsigned char>(text[i + 1]); return 2;  // \" \\ \/
    }
    const long hi = hex4(text, i + 2);
    if (hi < 0) {
        cp = U'\uFFFD';
        return 2;
    }
    if (hi >= 0xD800 && hi <= 0xDBFF && i + 7 < text.size() && text[i + 6] == '\\' && text[i + 7] == 'u') {
        const long lo = hex4(text, i + 8);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = static_cast<char32_t>(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
            return 12;
        }
    }
    cp = static_cast<char32_t>(hi);
    return 6;
}

}  // namespace

std::size_t end(std::string_view text, std::size_t quote) {
    std::size_t i = quote + 1;
    while (i < text.size()) {
        if (text[i] == '"') return i + 1;
        i += text[i] == '\\' ? 2 : 1;
    }
    return text.size();
}

std::string decode(std::string_view text, std::size_t quote) {
    std::string out;
    const std::size_t stop = end(text, quote) - 1;  // the closing quote
    for (std::size_t i = quote + 1; i < stop;) {
        char32_t cp = 0;
        const std::size_t n = next(text, i, cp);
        if (text[i] == '\\')
            out += utf8::encode(cp);
        else
            out.append(text.substr(i, n));
        i += n;
    }
    return out;
}

std::optional<std::size_t> code_point_offset(std::string_view text, std::size_t quote, std::size_t index) {
    if (quote >= text.size() || text[quote] != '"') return std::nullopt;
    const std::size_t stop = end(text, quote) - 1;
    std::size_t count = 0;
    for (std::size_t i = quote + 1; i < stop;) {
        if (count == index) return i;
        char32_t cp = 0;
        i += next(text, i, cp);
        ++count;
    }
    return std::nullopt;
}

}  // namespace nb::playlist::json_string

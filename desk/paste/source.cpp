#include "source.h"

#include <algorithm>

#include "core/utf8.h"

namespace nb::paste {

bool is_space(char32_t cp) {
    return cp == U' ' || cp == U'\t' || cp == U'\u3000' || cp == U'\u00A0' || cp == U'\uFEFF' || cp == U'\u200B' ||
           cp == U'\u2002' || cp == U'\u2003' || cp == U'\u2009' || cp == U'\u202F';
}

namespace {

bool ends_line(char32_t cp) {
    return cp == U'\n' || cp == U'\r' || cp == U'\f' || cp == U'\v' || cp == U'\u2028' || cp == U'\u2029' ||
           cp == U'\u0085';
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp < 0xA0); }

}  // namespace

std::size_t Source::line_of(std::size_t offset) const {
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
    return static_cast<std::size_t>(it - line_starts.begin());
}

std::size_t Source::column_of(std::size_t offset) const { return offset - line_starts[line_of(offset) - 1] + 1; }

Result<Source> read_source(std::string_view utf8) {
    if (utf8.size() > kMaxPasteBytes) {
        return fail("the pasted text is " + std::to_string(utf8.size()) + " bytes; the limit is " +
                    std::to_string(kMaxPasteBytes) + " (paste one page at a time)");
    }
    if (auto bad = utf8::first_invalid_byte(utf8)) {
        return fail("the pasted text is not UTF-8 (byte " + std::to_string(*bad) + ")");
    }
    Source src;
    const std::u32string raw = utf8::decode(utf8);
    src.text.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char32_t cp = raw[i];
        if (cp == U'\r' && i + 1 < raw.size() && raw[i + 1] == U'\n') continue;  // CR LF: one break
        if (ends_line(cp)) cp = U'\n';
        else if (is_control(cp)) cp = U' ';
        src.text.push_back(cp);
    }
    std::size_t blanks = 0;
    std::size_t start = 0;
    for (std::size_t line = 1; start <= src.text.size(); ++line) {
        std::size_t stop = src.text.find(U'\n', start);
        if (stop == std::u32string::npos) stop = src.text.size();
        src.line_starts.push_back(start);
        std::size_t b = start, e = stop;
        while (b < e && is_space(src.text[b])) ++b;
        while (e > b && is_space(src.text[e - 1])) --e;
        if (b == e) {
            ++blanks;
        } else {
            src.units.push_back({b, e, line, src.units.empty() ? 0 : blanks});
            blanks = 0;
        }
        start = stop + 1;
    }
    return src;
}

}  // namespace nb::paste

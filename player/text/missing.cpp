// missing_glyphs() (declared in layout.h): what the check command and the renderer warn
// about, "no font has a glyph for U+20BB7 '𠮷'".
#include <unicode/utf8.h>

#include <unordered_set>

#include "text/chars.h"
#include "text/layout.h"

namespace nb::text {

std::vector<Missing> missing_glyphs(const FontCascade& fonts, std::string_view utf8) {
    std::vector<Missing> out;
    std::unordered_set<char32_t> seen;
    const auto length = static_cast<std::int32_t>(utf8.size());
    std::size_t index = 0;
    for (std::int32_t i = 0; i < length; ++index) {
        UChar32 c = 0;
        U8_NEXT(utf8.data(), i, length, c);
        if (c < 0) continue;  // ill-formed bytes are reported by UTF-8 validation, not here
        const auto cp = static_cast<char32_t>(c);
        // Spaces, newlines, ZWSP, joiners and variation selectors are never drawn.
        if (needs_no_glyph(cp) || seen.count(cp)) continue;
        if (fonts.face_for(cp, Weight::Regular) < 0) {
            seen.insert(cp);
            out.push_back({cp, index});
        }
    }
    return out;
}

}  // namespace nb::text

#include "text/shape.h"

#include <hb.h>
#include <unicode/utf8.h>

#include <memory>

#include "text/chars.h"
#include "text/face.h"

namespace nb::text {
namespace {

struct BufferDeleter {
    void operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }
};

struct Run {
    std::size_t start = 0, end = 0;     // bytes
    int face = -1;                      // -1: not known yet (or no face has any of it)
    hb_script_t script = HB_SCRIPT_INVALID;  // INVALID: only neutral characters so far
};

bool is_neutral(hb_script_t s) {
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

// Splits the text into runs of one face and one script. Punctuation, digits and spaces
// (script Common) stay in the current run when its face has them, so "6日,高新区" or a
// Latin word with its comma is shaped as one piece; characters that need no glyph, or
// that no face has, join whatever run they are in (their .notdef is dropped later).
std::vector<Run> itemize(const FontCascade& fonts, std::string_view utf8, Weight weight) {
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
    std::vector<Run> runs;
    const auto length = static_cast<std::int32_t>(utf8.size());
    for (std::int32_t i = 0; i < length;) {
        const auto start = static_cast<std::size_t>(i);
        UChar32 c = 0;
        U8_NEXT(utf8.data(), i, length, c);
        int face = -1;
        hb_script_t script = HB_SCRIPT_INVALID;
        if (c >= 0) {
            const auto cp = static_cast<char32_t>(c);
            script = hb_unicode_script(unicode, static_cast<hb_codepoint_t>(cp));
            const bool neutral = is_neutral(script);
            if (neutral) script = HB_SCRIPT_INVALID;
            const int current = runs.empty() ? -1 : runs.back().face;
            if (needs_no_glyph(cp)) {
                face = -1;
            } else if (neutral && current >= 0 && fonts.face(current).has_glyph(cp)) {
                face = current;
            } else {
                face = fonts.face_for(cp, weight);
            }
        }
        const auto end = static_cast<std::size_t>(i);
        if (!runs.empty()) {
            Run& run = runs.back();
            const bool same_face = face < 0 || run.face < 0 || face == run.face;
            const bool same_script = script == HB_SCRIPT_INVALID || run.script == HB_SCRIPT_INVALID ||
                                     script == run.script;
            if (same_face && same_script) {
                run.end = end;
                if (run.face < 0) run.face = face;
                if (run.script == HB_SCRIPT_INVALID) run.script = script;
                continue;
            }
        }
        runs.push_back({start, end, face, script});
    }
    return runs;
}

// Punctuation compression (标点挤压, W3C clreq §3.1.6): a full-width closing mark whose
// right half is blank, followed by more full-width punctuation — "”，" "。”" "，“" — would
// leave a whole blank em between them. The font's 'halt' feature sets such a mark in half
// an em; for these closing marks it only shortens the advance, the glyph stays put.
std::vector<hb_feature_t> punctuation_compression(std::string_view utf8) {
    std::vector<hb_feature_t> features;
    const auto length = static_cast<std::int32_t>(utf8.size());
    UChar32 previous = -1;
    std::int32_t previous_start = 0;
    for (std::int32_t i = 0; i < length;) {
        const std::int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(utf8.data(), i, length, c);
        if (previous >= 0 && c >= 0 && is_half_blank_closing(static_cast<char32_t>(previous)) &&
            is_fullwidth_punctuation(static_cast<char32_t>(c)))
            features.push_back({HB_TAG('h', 'a', 'l', 't'), 1, static_cast<unsigned>(previous_start),
                                static_cast<unsigned>(start)});
        previous = c;
        previous_start = start;
    }
    return features;
}

}  // namespace

std::vector<ShapedGlyph> shape_text(const FontCascade& fonts, std::string_view utf8, Weight weight, int size_px) {
    std::vector<ShapedGlyph> glyphs;
    if (utf8.empty() || size_px <= 0) return glyphs;
    static const hb_language_t zh_hans = hb_language_from_string("zh-Hans", -1);
    std::unique_ptr<hb_buffer_t, BufferDeleter> buffer(hb_buffer_create());
    glyphs.reserve(utf8.size() / 2);
    // Feature ranges are clusters, i.e. byte offsets into the paragraph, so one list
    // serves every run.
    const std::vector<hb_feature_t> features = punctuation_compression(utf8);
    for (const Run& run : itemize(fonts, utf8, weight)) {
        if (run.face < 0) continue;  // nothing in it can be drawn
        hb_buffer_t* b = buffer.get();
        hb_buffer_clear_contents(b);
        // The whole paragraph is passed as context so shaping at run edges sees its
        // neighbours; clusters are byte offsets into the paragraph.
        hb_buffer_add_utf8(b, utf8.data(), static_cast<int>(utf8.size()), static_cast<unsigned>(run.start),
                           static_cast<int>(run.end - run.start));
        hb_buffer_set_direction(b, HB_DIRECTION_LTR);
        hb_buffer_set_script(b, run.script == HB_SCRIPT_INVALID ? HB_SCRIPT_COMMON : run.script);
        hb_buffer_set_language(b, zh_hans);
        unsigned flags = HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES;
        if (run.start == 0) flags |= HB_BUFFER_FLAG_BOT;
        if (run.end == utf8.size()) flags |= HB_BUFFER_FLAG_EOT;
        hb_buffer_set_flags(b, static_cast<hb_buffer_flags_t>(flags));
        const Face& face = fonts.face(run.face);
        face.shape(b, size_px, features.data(), static_cast<unsigned>(features.size()));

        unsigned count = 0;
        const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(b, &count);
        const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(b, &count);
        for (unsigned k = 0; k < count; ++k) {
            if (info[k].codepoint == 0) continue;  // .notdef: a character this face lacks
            ShapedGlyph g;
            g.glyph_id = info[k].codepoint;
            g.face = static_cast<std::uint16_t>(run.face);
            g.cluster = info[k].cluster;
            g.advance = static_cast<float>(pos[k].x_advance) / 64.f;
            g.offset_x = static_cast<float>(pos[k].x_offset) / 64.f;
            g.offset_y = static_cast<float>(pos[k].y_offset) / 64.f;
            glyphs.push_back(g);
        }
    }
    return glyphs;
}

}  // namespace nb::text

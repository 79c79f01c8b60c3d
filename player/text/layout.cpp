#include "text/layout.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>

#include "text/chars.h"
#include "text/face.h"
#include "text/linebreak.h"
#include "text/shape.h"

namespace nb::text {
namespace {

// Extra advance after an ASCII , ; : ! ? that is directly followed by a CJK character, in
// em. Copy such as "6日,高新区" or "讯(通讯员 段亚洲)" mixes ASCII punctuation into
// Chinese; an ASCII comma is a narrow proportional glyph and the Han character after it
// crowds it, so the sentence reads as if the pause were missing. With about a third of
// an em after it, the comma takes up roughly the room of a full-width ，. The room is
// dropped when the mark ends a line, so it never pushes a line past its width.
constexpr float kAsciiPauseRoomEm = 0.35f;
constexpr float kFitTolerancePx = 0.01f;  // float sums may exceed a width by rounding only

// A paragraph shaped once; any stretch of it is measured by prefix sums of advances.
class Measured {
public:
    Measured(const FontCascade& fonts, std::string_view text, const Style& style)
        : text_(text), size_(static_cast<float>(style.size_px)), glyphs_(shape_text(fonts, text, style.weight, style.size_px)) {
        room_.assign(glyphs_.size(), 0.f);
        const float pause_room = kAsciiPauseRoomEm * static_cast<float>(style.size_px);
        for (std::size_t k = 0; k < glyphs_.size(); ++k) {
            const bool last_of_cluster = k + 1 == glyphs_.size() || glyphs_[k + 1].cluster != glyphs_[k].cluster;
            if (!last_of_cluster) continue;
            const std::size_t at = glyphs_[k].cluster;
            if (is_ascii_pause(char_at(text, at)) && is_cjk(char_at(text, at + 1))) room_[k] = pause_room;
        }
        prefix_.resize(glyphs_.size() + 1);
        prefix_[0] = 0;
        for (std::size_t k = 0; k < glyphs_.size(); ++k)
            prefix_[k + 1] = prefix_[k] + static_cast<double>(glyphs_[k].advance) + room_[k];
    }

    std::string_view text() const { return text_; }
    const std::vector<ShapedGlyph>& glyphs() const { return glyphs_; }
    float room_after(std::size_t k) const { return room_[k]; }

    // How much glyph k may give up when a line must be set tighter: the blank right half
    // of a full-width closing mark (，。”）… unless shaping already took it) and the room
    // after an ASCII pause.
    float squeezable(std::size_t k) const {
        const bool last_of_cluster = k + 1 == glyphs_.size() || glyphs_[k + 1].cluster != glyphs_[k].cluster;
        if (!last_of_cluster) return 0;
        float give = room_[k];
        if (is_half_blank_closing(char_at(text_, glyphs_[k].cluster)))
            give += std::max(0.f, glyphs_[k].advance - size_ / 2);
        return give;
    }
    float squeezable(std::size_t start, std::size_t end) const {
        const std::size_t a = glyph_at(start), b = glyph_at(end);
        float total = 0;
        for (std::size_t k = a; k < b; ++k) total += squeezable(k);
        return b > a ? total - room_[b - 1] : 0.f;  // no room is measured after the last glyph
    }

    // Index of the first glyph whose cluster starts at or after `offset`.
    std::size_t glyph_at(std::size_t offset) const {
        return static_cast<std::size_t>(
            std::lower_bound(glyphs_.begin(), glyphs_.end(), offset,
                             [](const ShapedGlyph& g, std::size_t o) { return g.cluster < o; }) -
            glyphs_.begin());
    }

    // Where the measured part of a line [start, end) ends: trailing white space hangs.
    std::size_t trimmed_end(std::size_t start, std::size_t end) const {
        while (end > start) {
            const char32_t c = char_before(text_, end);
            if (!hangs_at_line_end(c)) break;
            end -= static_cast<std::size_t>(U8_LENGTH(static_cast<UChar32>(c)));
        }
        return end;
    }

    // Advance width of the characters in [start, end), without room after the last one.
    float width(std::size_t start, std::size_t end) const {
        const std::size_t a = glyph_at(start), b = glyph_at(end);
        if (b <= a) return 0;
        return static_cast<float>(prefix_[b] - prefix_[a]) - room_[b - 1];
    }

    // Width of a line from `start` broken at `end`.
    float line_width(std::size_t start, std::size_t end) const { return width(start, trimmed_end(start, end)); }

private:
    std::string_view text_;
    float size_ = 0;
    std::vector<ShapedGlyph> glyphs_;
    std::vector<float> room_;      // per glyph: room after it that vanishes at a line end
    std::vector<double> prefix_;   // prefix_[k]: advances + room of glyphs [0, k)
};


// A run with no break opportunity is wider than the line (a URL, a long number, or a
// few characters at a huge size): break it between characters (clusters) rather than
// overflow. Prefers a place kinsoku allows; always takes at least one character.
std::size_t break_by_character(const Measured& m, std::size_t start, std::size_t limit, float available) {
    const auto& glyphs = m.glyphs();
    std::size_t first = limit, best_any = 0, best_clean = 0;
    for (std::size_t k = m.glyph_at(start); k < glyphs.size() && glyphs[k].cluster < limit; ++k) {
        const std::size_t at = glyphs[k].cluster;
        if (at <= start || (k > 0 && glyphs[k - 1].cluster == at)) continue;  // not a new cluster
        if (first == limit) first = at;
        if (m.line_width(start, at) > available + kFitTolerancePx) break;
        best_any = at;
        if (kinsoku_allows(m.text(), at)) best_clean = at;
    }
    if (best_clean) return best_clean;
    if (best_any) return best_any;
    return first;
}

struct LineSpan {
    std::size_t start = 0, end = 0;
    bool forced = false;  // ends at a newline: not justified, like a paragraph's last line
    float squeeze = 0;    // px the line gives up from Measured::squeezable room to fit
};

// A paragraph must not end on a line holding one character and its punctuation (孤字,
// such as `处。`): it reads as a stray mark from a distance. First try to pull it back
// onto the line above by setting that line's punctuation tighter; failing that, carry the
// last character of the line above down to keep it company. Lines ended by a newline
// (poems, lists) are the writer's and stay as they are.
void avoid_runt(const Measured& m, std::vector<LineSpan>& spans, const std::vector<BreakOpportunity>& candidates,
                float max_width, float first_indent) {
    if (spans.size() < 2) return;
    LineSpan& last = spans.back();
    LineSpan& above = spans[spans.size() - 2];
    if (above.forced || count_letters(m.text().substr(last.start, last.end - last.start)) > 1) return;
    const float available = max_width - (spans.size() == 2 ? first_indent : 0.f);
    const std::size_t end = m.trimmed_end(above.start, last.end);
    const float over = m.line_width(above.start, last.end) - available;
    if (over <= m.squeezable(above.start, end)) {
        above.end = last.end;
        above.forced = last.forced;
        above.squeeze = std::max(0.f, over + kFitTolerancePx);
        spans.pop_back();
        return;
    }
    for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
        const std::size_t at = it->offset;
        if (at >= last.start) continue;
        if (at <= above.start) return;
        if (count_letters(m.text().substr(at, last.end - at)) < 2) continue;
        if (m.line_width(at, last.end) > max_width + kFitTolerancePx) return;
        if (count_letters(m.text().substr(above.start, at - above.start)) < 2) return;
        above.end = at;
        last.start = at;
        return;
    }
}

std::vector<LineSpan> break_lines(const Measured& m, float max_width, float first_indent) {
    std::vector<LineSpan> spans;
    std::vector<BreakOpportunity> candidates = line_breaks(m.text());
    candidates.push_back({m.text().size(), true});  // the paragraph's end
    std::size_t start = 0, next = 0;  // next: first candidate after `start`
    while (start < m.text().size()) {
        const float available = max_width - (spans.empty() ? first_indent : 0.f);
        while (candidates[next].offset <= start) ++next;  // after a break between characters
        std::size_t chosen = candidates.size();
        for (std::size_t j = next; j < candidates.size(); ++j) {
            if (m.line_width(start, candidates[j].offset) > available + kFitTolerancePx) break;
            chosen = j;
            if (candidates[j].mandatory) break;
        }
        LineSpan span{start, 0, false};
        if (chosen < candidates.size()) {
            span.end = candidates[chosen].offset;
            span.forced = candidates[chosen].mandatory;
            next = chosen + 1;
        } else {
            span.end = break_by_character(m, start, candidates[next].offset, available);
        }
        spans.push_back(span);
        start = span.end;
    }
    avoid_runt(m, spans, candidates, max_width, first_indent);
    return spans;
}

// Justification stretches the gaps Chinese text may widen: beside a CJK character
// (between two Han characters, or a Han character and a Latin word or number) and at
// spaces between words, but not between the letters of a word or the digits of a number.
bool expandable_gap(char32_t left, char32_t right) { return is_cjk(left) || is_cjk(right) || left == U' '; }

void justify(Line& line, float max_width) {
    const float extra = max_width - line.width;
    if (extra <= 0 || line.glyphs.size() < 2) return;
    std::vector<std::size_t> gaps;  // glyph k gets room after it
    bool leading = true;  // full-width spaces that open a line are an indent: kept exact
    for (std::size_t k = 0; k + 1 < line.glyphs.size(); ++k) {
        const auto right = line.glyphs[k + 1].cluster;
        if (right == line.glyphs[k].cluster) continue;
        const char32_t left_char = char_before(line.text, right);
        leading = leading && left_char == U'\u3000';
        if (!leading && expandable_gap(left_char, char_at(line.text, right))) gaps.push_back(k);
    }
    if (gaps.empty()) return;  // nothing may stretch: stays start-aligned
    const float per_gap = extra / static_cast<float>(gaps.size());
    for (const std::size_t k : gaps) line.glyphs[k].advance += per_gap;
    float x = line.glyphs.front().x;
    for (Glyph& g : line.glyphs) {
        g.x = x;
        x += g.advance;
    }
    // The last glyph ends at max_width up to float rounding; pull it exactly there.
    line.glyphs.back().advance = std::max(0.f, max_width - line.glyphs.back().x);
    line.width = max_width;
}

Line make_line(const Measured& m, const LineSpan& span, float indent) {
    Line line;
    line.text = std::string(m.text().substr(span.start, span.end - span.start));
    const std::size_t measured_end = m.trimmed_end(span.start, span.end);
    const std::size_t a = m.glyph_at(span.start), b = m.glyph_at(measured_end);
    line.glyphs.reserve(b - a);
    float x = indent;
    std::uint16_t counts[8] = {};
    const float room = span.squeeze > 0 ? m.squeezable(span.start, measured_end) : 0.f;
    const float ratio = room > 0 ? std::min(1.f, span.squeeze / room) : 0.f;
    for (std::size_t k = a; k < b; ++k) {
        const ShapedGlyph& s = m.glyphs()[k];
        Glyph g;
        g.glyph_id = s.glyph_id;
        g.face = s.face;
        g.x = x;
        g.advance = s.advance + (k + 1 < b ? m.room_after(k) : 0.f);
        if (ratio > 0) g.advance = std::max(0.f, g.advance - ratio * (m.squeezable(k) - (k + 1 < b ? 0.f : m.room_after(k))));
        g.cluster = s.cluster - static_cast<std::uint32_t>(span.start);
        g.offset_x = s.offset_x;
        g.offset_y = s.offset_y;
        x += g.advance;
        line.glyphs.push_back(g);
        if (s.face < 8) ++counts[s.face];
    }
    line.width = line.glyphs.empty() ? 0.f : x;
    line.face = static_cast<std::uint16_t>(std::max_element(std::begin(counts), std::end(counts)) - std::begin(counts));
    if (!line.glyphs.empty() && counts[line.face] == 0) line.face = line.glyphs.front().face;  // faces ≥ 8
    return line;
}

}  // namespace

Block layout_paragraph(const FontCascade& fonts, std::string_view utf8, const Style& style_in, float max_width) {
    Block block;
    block.width = max_width;
    if (utf8.empty()) return block;
    Style style = style_in;
    style.size_px = std::clamp(style.size_px, 1, 4096);
    if (!(max_width > 0)) max_width = 0;  // also NaN

    const Measured measured(fonts, utf8, style);
    const float size = static_cast<float>(style.size_px);
    // Two full-width spaces' worth. A paragraph that brings its own (“　　正文”) keeps
    // those instead of getting four.
    const bool own_indent = char_at(utf8, 0) == U'\u3000';
    const float indent = (style.indent == Indent::TwoEm && !own_indent) ? std::min(2.f * size, max_width) : 0.f;

    const int primary = fonts.primary_face(style.weight);
    const FaceMetrics metrics = fonts.face(primary).metrics(style.size_px);
    const float height = std::round(size * style.line_height);
    // The ideographic em box sits in the middle of the line box: Han characters are
    // centred, and Latin sits on the same baseline as it would beside them.
    const float baseline = (height - size) / 2.f + metrics.em_top;

    const std::vector<LineSpan> spans = break_lines(measured, max_width, indent);
    block.lines.reserve(spans.size());
    float y = 0;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        Line line = make_line(measured, spans[i], i == 0 ? indent : 0.f);
        line.y = y;
        line.height = height;
        line.baseline = baseline;
        line.size_px = style.size_px;
        line.last_of_paragraph = i + 1 == spans.size();
        if (line.glyphs.empty()) line.face = static_cast<std::uint16_t>(primary);
        switch (style.align) {
            case Align::Start:
                break;
            case Align::Justify:
                if (!line.last_of_paragraph && !spans[i].forced) justify(line, max_width);
                break;
            case Align::Center:
                line.x = std::max(0.f, (max_width - line.width) / 2.f);
                break;
            case Align::End:
                line.x = std::max(0.f, max_width - line.width);
                break;
        }
        y += height;
        block.lines.push_back(std::move(line));
    }
    block.height = y;
    return block;
}

Fitted fit_text(const FontCascade& fonts, std::string_view utf8, Style style, float max_width, int max_lines,
                int min_px, int max_px) {
    min_px = std::max(1, min_px);
    max_px = std::max(min_px, max_px);
    auto layout_at = [&](int size) {
        style.size_px = size;
        return layout_paragraph(fonts, utf8, style, max_width);
    };
    auto fits = [&](const Block& block) {
        if (static_cast<int>(block.lines.size()) > max_lines) return false;
        for (const Line& line : block.lines)
            if (line.x + line.width > max_width + 0.5f) return false;
        return true;
    };
    // Larger sizes never need fewer lines, so the sizes that fit are a prefix of the
    // range: binary search for its end.
    Fitted best;
    best.fits = false;
    int lo = min_px, hi = max_px;
    while (lo <= hi) {
        const int mid = lo + (hi - lo + 1) / 2;
        Block block = layout_at(mid);
        if (fits(block)) {
            best.block = std::move(block);
            best.size_px = mid;
            best.fits = true;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    if (!best.fits) {
        best.block = layout_at(min_px);
        best.size_px = min_px;
    }
    return best;
}

}  // namespace nb::text

#include "text/clamp.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace nb::text {
namespace {

// Byte offsets in `utf8` where a user-perceived character (an extended grapheme cluster)
// starts, after the first: the places a cut may fall.
std::vector<std::size_t> grapheme_starts(std::string_view utf8) {
    std::vector<std::size_t> out;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) return out;
    UText* text = utext_openUTF8(nullptr, utf8.data(), static_cast<std::int64_t>(utf8.size()), &status);
    if (U_FAILURE(status)) return out;
    it->setText(text, status);  // with UText, offsets are native: UTF-8 byte offsets
    if (U_SUCCESS(status))
        for (std::int32_t at = it->next(); at != icu::BreakIterator::DONE; at = it->next())
            if (static_cast<std::size_t>(at) < utf8.size()) out.push_back(static_cast<std::size_t>(at));
    utext_close(text);
    return out;
}

// The start of `utf8` up to `end`, blanks before the cut dropped, with the ellipsis and `tail`.
std::string cut_at(std::string_view utf8, std::size_t end, std::string_view tail) {
    std::string kept(utf8.substr(0, end));
    while (!kept.empty() && (kept.back() == ' ' || kept.back() == '\n' || kept.back() == '\t')) kept.pop_back();
    if (kept.size() >= 3 && kept.compare(kept.size() - 3, 3, "\u3000") == 0) kept.resize(kept.size() - 3);
    return kept + "\u2026" + std::string(tail);
}

}  // namespace

Block layout_clamped(const FontCascade& fonts, std::string_view utf8, const Style& style, float max_width,
                     int max_lines, std::string_view tail) {
    if (max_lines < 1) return Block{{}, max_width, 0};
    Block whole = layout_paragraph(fonts, std::string(utf8) + std::string(tail), style, max_width);
    if (static_cast<int>(whole.lines.size()) <= max_lines) return whole;
    const auto fits = [&](const Block& b) { return static_cast<int>(b.lines.size()) <= max_lines; };
    // More characters never take fewer lines: binary search for the most that fit. Cutting
    // at the first character's end (just "…") is the floor.
    const std::vector<std::size_t> starts = grapheme_starts(utf8);
    Block best = layout_paragraph(fonts, "\u2026" + std::string(tail), style, max_width);
    std::size_t lo = 0, hi = starts.size();  // candidates: starts[0 .. hi)
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        Block block = layout_paragraph(fonts, cut_at(utf8, starts[mid], tail), style, max_width);
        if (fits(block)) {
            best = std::move(block);
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return best;
}

std::vector<int> lines_to_keep(const std::vector<Share>& texts, float over) {
    std::vector<int> keep;
    for (const Share& t : texts) keep.push_back(std::max(0, t.lines));
    for (std::size_t i = texts.size(); i-- > 0 && over > 0;) {
        // A line of no height would give up nothing: count it as a pixel, so the loop ends.
        const float line_h = std::max(1.f, texts[i].line_h);
        const int off = std::min(keep[i] - 1, static_cast<int>(std::ceil(over / line_h)));
        if (off <= 0) continue;
        keep[i] -= off;
        over -= static_cast<float>(off) * line_h;
    }
    return keep;
}

}  // namespace nb::text

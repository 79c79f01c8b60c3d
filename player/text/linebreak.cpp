#include "text/linebreak.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>

#include "text/chars.h"

namespace nb::text {
namespace {

std::unique_ptr<icu::BreakIterator> make_line_iterator() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createLineInstance(icu::Locale("zh", "CN"), status));
    if (U_FAILURE(status)) it.reset();
    return it;
}

// ICU's line iterator is costly to create and not thread-safe to share: one per thread.
icu::BreakIterator* line_iterator() {
    thread_local const std::unique_ptr<icu::BreakIterator> iterator = make_line_iterator();
    // The analyzer models the thread_local as destroyed on return; it lives until the
    // thread ends.
    return iterator.get();  // NOLINT(clang-analyzer-cplusplus.NewDelete)
}

bool is_opening_quote(char32_t cp) { return cp == U'\u201C' || cp == U'\u2018'; }
bool is_closing_quote(char32_t cp) { return cp == U'\u201D' || cp == U'\u2019'; }

// UAX #14 (as of Unicode 15.0, ICU 72) never breaks beside a quotation mark (LB19), so
// "全区“一盘棋”，确保" or "“双基”“十项行动”" are single unbreakable chunks. In Chinese
// “ and ‘ open and ” and ’ close, like （ and ）; Unicode 15.1's LB19a says the same for
// quotes between East Asian characters. So: a line may start at an opening quote that
// follows CJK text or a closing quote, and after a closing quote that is followed by
// CJK text or an opening quote. The kinsoku filter below still applies.
bool chinese_quote_break(std::string_view s, std::size_t offset) {
    const char32_t before = char_before(s, offset);
    const char32_t after = char_at(s, offset);
    if (is_opening_quote(after) && (is_cjk(before) || is_closing_quote(before)) && !is_forbidden_line_end(before))
        return true;
    return is_closing_quote(before) && (is_cjk(after) || is_opening_quote(after));
}

}  // namespace

std::vector<BreakOpportunity> line_breaks(std::string_view utf8) {
    std::vector<BreakOpportunity> out;
    if (utf8.size() < 2) return out;
    icu::BreakIterator* it = line_iterator();
    if (!it) return out;
    UErrorCode status = U_ZERO_ERROR;
    UText* text = utext_openUTF8(nullptr, utf8.data(), static_cast<std::int64_t>(utf8.size()), &status);
    if (U_FAILURE(status)) return out;
    it->setText(text, status);  // with UText, offsets are native: UTF-8 byte offsets
    if (U_SUCCESS(status)) {
        std::size_t last = 0;  // previous offset considered, for inserting quote breaks
        auto consider_quotes_until = [&](std::size_t end) {
            // Offsets strictly between ICU's breaks where a Chinese quote rule allows one.
            for (std::size_t i = last + 1; i < end; ++i) {
                // Quick filter: the quotes are E2 80 98/99/9C/9D; look only at or after one.
                if (utf8[i] != '\xE2' && !(i >= 3 && utf8[i - 3] == '\xE2')) continue;
                if ((static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) continue;  // inside a character
                if (chinese_quote_break(utf8, i) && kinsoku_allows(utf8, i)) out.push_back({i, false});
            }
        };
        for (std::int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
            const auto offset = static_cast<std::size_t>(b);
            if (offset >= utf8.size()) break;
            const bool hard = it->getRuleStatus() >= UBRK_LINE_HARD;
            consider_quotes_until(offset);
            if (hard || kinsoku_allows(utf8, offset)) out.push_back({offset, hard});
            last = offset;
        }
        consider_quotes_until(utf8.size());
    }
    utext_close(text);
    return out;
}

std::vector<std::size_t> break_opportunities(std::string_view utf8) {
    std::vector<std::size_t> out;
    for (const BreakOpportunity& b : line_breaks(utf8)) out.push_back(b.offset);
    return out;
}

}  // namespace nb::text

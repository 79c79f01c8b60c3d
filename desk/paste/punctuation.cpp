#include "punctuation.h"

#include <algorithm>
#include <optional>

#include "source.h"
#include "text/chars.h"

namespace nb::paste {

namespace {

using View = std::u32string_view;

// Chinese for these rules: what the layout engine sets full-width (Han, kana, full-width forms,
// “ ” ‘ ’ … — ·), which is ICU's East Asian Width behind text::is_cjk.
bool chinese(char32_t cp) { return text::is_cjk(cp); }
bool ascii_digit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }

struct Neighbours {
    std::size_t left_end;     // one past the last non-space before `at`
    std::size_t right_begin;  // the first non-space after `at`
    std::optional<char32_t> left, right;
};

Neighbours around(View s, std::size_t at) {
    Neighbours n{at, at + 1, std::nullopt, std::nullopt};
    while (n.left_end > 0 && is_space(s[n.left_end - 1])) --n.left_end;
    while (n.right_begin < s.size() && is_space(s[n.right_begin])) ++n.right_begin;
    if (n.left_end > 0) n.left = s[n.left_end - 1];
    if (n.right_begin < s.size()) n.right = s[n.right_begin];
    return n;
}

bool is_chinese(const std::optional<char32_t>& cp) { return cp && chinese(*cp); }

char32_t full_width_pause(char32_t cp) {
    switch (cp) {
        case U',': return U'，';
        case U';': return U'；';
        case U':': return U'：';
        case U'!': return U'！';
        case U'?': return U'？';
        default: return 0;
    }
}

// Matching pairs of `open`/`close` in the line (innermost first does not matter: pairs only).
std::vector<std::pair<std::size_t, std::size_t>> pairs_of(View s, char32_t open, char32_t close) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::vector<std::size_t> stack;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == open) stack.push_back(i);
        else if (s[i] == close && !stack.empty()) out.emplace_back(stack.back(), i), stack.pop_back();
    }
    return out;
}

bool has_chinese(View s) { return std::any_of(s.begin(), s.end(), chinese); }

}  // namespace

std::vector<Edit> punctuation_edits(View s) {
    std::vector<Edit> edits;
    // Pauses: the mark and the spaces on both sides become the one full-width mark.
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char32_t wide = full_width_pause(s[i]);
        if (wide == 0) continue;
        const Neighbours n = around(s, i);
        if (!n.left) continue;  // a line never starts with a pause worth keeping; leave it alone
        if (!is_chinese(n.left) && !is_chinese(n.right)) continue;
        if (s[i] == U':' && n.right && *n.right == U'/') continue;  // "网址:http://…" keeps its URL's colon
        if (!is_chinese(n.left) && n.left && n.right && ascii_digit(*n.left) && ascii_digit(*n.right)) continue;
        edits.push_back({n.left_end, n.right ? n.right_begin : s.size(), std::u32string(1, wide)});
    }
    // Full stops: only after Chinese, at the end or before more Chinese; never "3.5" or "...".
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != U'.') continue;
        if ((i > 0 && s[i - 1] == U'.') || (i + 1 < s.size() && s[i + 1] == U'.')) continue;
        const Neighbours n = around(s, i);
        if (!is_chinese(n.left)) continue;
        if (n.right && !chinese(*n.right)) continue;
        edits.push_back({n.left_end, n.right ? n.right_begin : s.size(), U"。"});
    }
    // Pairs: ( ) → （ ）, < > → 〈 〉, with spaces outside them dropped where Chinese is next.
    struct Pair {
        char32_t open, close;
        char32_t wide_open, wide_close;
        bool outside_counts;  // may Chinese just outside the pair decide it?
    };
    for (const Pair& p : {Pair{U'(', U')', U'（', U'）', true}, Pair{U'<', U'>', U'〈', U'〉', false}}) {
        for (auto [o, c] : pairs_of(s, p.open, p.close)) {
            const Neighbours before = around(s, o), after = around(s, c);
            const bool inside = has_chinese(s.substr(o + 1, c - o - 1));
            const bool outside = p.outside_counts && (is_chinese(before.left) || is_chinese(after.right));
            if (!inside && !outside) continue;
            if (p.open == U'<' && !is_chinese(before.left) && !is_chinese(after.right) &&
                !(o + 1 < s.size() && chinese(s[o + 1]))) {
                continue;  // "a < 中文 > b": not a title mark
            }
            const std::size_t ob = is_chinese(before.left) ? before.left_end : o;
            const std::size_t ce = is_chinese(after.right) ? after.right_begin : c + 1;
            edits.push_back({ob, o + 1, std::u32string(1, p.wide_open)});
            edits.push_back({c, ce, std::u32string(1, p.wide_close)});
        }
    }
    // Straight double quotes, paired left to right, around or beside Chinese.
    std::vector<std::size_t> quotes;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == U'"') quotes.push_back(i);
    if (quotes.size() % 2 == 0) {
        for (std::size_t q = 0; q + 1 < quotes.size(); q += 2) {
            const std::size_t o = quotes[q], c = quotes[q + 1];
            if (!has_chinese(s.substr(o + 1, c - o - 1))) continue;
            edits.push_back({o, o + 1, U"“"});
            edits.push_back({c, c + 1, U"”"});
        }
    }
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
    // Overlaps (a pause right after a closing bracket, both eating the space between): keep the first.
    std::vector<Edit> out;
    for (Edit& e : edits) {
        if (!out.empty() && e.begin < out.back().end) {
            if (e.end <= out.back().end) continue;
            e.begin = out.back().end;
        }
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace nb::paste

// The article page: kicker plate, headline shrunk to fit three lines, subhead, byline, and
// the body in justified columns (two on a landscape board, three on a 4K one, one upright),
// continued on as many pages as it needs at the largest size that needs no more pages than
// the smallest, the last page's columns balanced. A text short enough for one page is set
// like a poster instead: one comfortable measure on a landscape board, the body grown until
// the page is full, the whole block at the page's optical centre.
#include <algorithm>
#include <cmath>
#include <optional>

#include "render/compose.h"
#include "render/qr.h"
#include "render/templates.h"
#include "text/flow.h"

namespace nb::render::templates {
namespace {

constexpr float kBodyLineHeight = 1.62f;
// A short text on a landscape board is set in one column of about this many characters a
// line (20–28 read comfortably), not in half of a two-column grid.
constexpr float kMeasureEm = 26.f;
// How far a short text's body may grow over the standard size. At 1.6 a quatrain on an
// upright board filled half of the page in a column it could have set a fifth larger.
constexpr float kGrowCap = 1.8f;
// Verse may grow further: its own lines bound it (a size that wraps one is refused), where
// prose grown further would be left with too few characters a line to justify.
constexpr float kVerseGrowCap = 2.0f;
// A grown body stops before its block covers more than this of the content area's height:
// a poster keeps a margin of paper around its type.
constexpr float kPosterMaxFill = 0.9f;
// A grown body never comes closer to its headline than this: the headline is set larger as
// the body grows (up to kPosterHeadlineU units), and the body stops where the headline cannot
// follow. At 1.2 (the old 17/20 cap) a poem on an upright board read as one block of type.
constexpr float kHeadlineOverBody = 1.45f;
constexpr float kPosterHeadlineU = 4.2f;
// A short text that is still short at the largest size is set with more leading, up to
// this, until the block reaches kPosterFill of the content area's height.
constexpr float kMaxPosterLineHeight = 2.4f;
constexpr float kPosterFill = 0.75f;
// The share of the space left over that goes above a block: the optical centre sits a
// little above the geometric one.
constexpr float kOpticalTop = 0.4f;
constexpr Color kSubheadInk{78, 70, 64, 255};

// A paragraph the writer broke into lines (verse, a list): how many; 0 for prose.
std::size_t verse_lines(const std::string& paragraph) {
    const auto breaks = static_cast<std::size_t>(std::count(paragraph.begin(), paragraph.end(), '\n'));
    return breaks > 0 ? breaks + 1 : 0;
}

struct Body {
    int size_px = 0;
    std::vector<text::Block> paragraphs;
    std::vector<text::Frame> frames;
};

Body lay_body(const playlist::Item& item, const SlideContext& ctx, int size_px, float column_w,
              text::FlowSpec spec, float line_height = kBodyLineHeight) {
    Body body;
    spec.paragraph_gap = std::round(static_cast<float>(size_px) * 0.35f);
    body.size_px = size_px;
    text::Style style;
    style.size_px = size_px;
    style.line_height = line_height;
    style.align = text::Align::Justify;
    for (const auto& paragraph : item.body) {
        // A paragraph the writer broke into lines (verse, a list) keeps them, unindented.
        style.indent = verse_lines(paragraph.value) > 0 ? text::Indent::None : text::Indent::TwoEm;
        body.paragraphs.push_back(text::layout_paragraph(ctx.fonts, paragraph.value, style, column_w));
    }
    body.frames = text::flow(body.paragraphs, spec);
    return body;
}

// The header of an article too long for one page with its body: kicker, headline, subhead
// and byline flowed like text through as many pages as they need, at their smallest sizes.
std::vector<Page> header_pages(const playlist::Item& item, const SlideContext& ctx, float page_number_h) {
    const Metrics& m = ctx.metrics;
    const Rect area = m.content();
    const float u = static_cast<float>(m.unit);
    struct Piece {
        const playlist::Text* text;
        text::Weight weight;
        float size_u;
        Color color;
        const char* role;
    };
    const Piece pieces[] = {{&item.kicker, text::Weight::Bold, 1.0f, palette::masthead, "kicker"},
                            {&item.headline, text::Weight::Bold, 1.6f, palette::ink, "headline"},
                            {&item.subhead, text::Weight::Regular, 1.1f, kSubheadInk, "subhead"},
                            {&item.byline, text::Weight::Regular, 0.9f, palette::ink_soft, "byline"}};
    std::vector<text::Block> blocks;
    std::vector<const Piece*> owners;
    for (const Piece& piece : pieces) {
        if (piece.text->empty()) continue;
        text::Style style;
        style.weight = piece.weight;
        style.size_px = std::max(m.body_min * 9 / 10, static_cast<int>(std::lround(u * piece.size_u)));
        style.line_height = 1.3f;
        blocks.push_back(text::layout_paragraph(ctx.fonts, piece.text->value, style, area.w));
        owners.push_back(&piece);
    }
    text::FlowSpec spec;
    spec.frame_height = [&](std::size_t) { return area.h - page_number_h; };
    spec.paragraph_gap = std::round(u * 0.4f);
    std::vector<Page> pages;
    for (const text::Frame& frame : text::flow(blocks, spec)) {
        Page page = blank_page(item, m, palette::paper);
        for (const text::PlacedLine& placed : frame) {
            const Piece& piece = *owners[placed.paragraph];
            put_frame(page.scene, ctx, blocks, {placed}, area.x, area.y, piece.color, piece.role);
        }
        pages.push_back(std::move(page));
    }
    return pages;
}


// Page one's header — kicker, headline, subhead, byline and the rule under them — set at
// y = 0 in `width`; its height is where the body starts.
struct Header {
    Scene scene;
    float height = 0;
    int headline_px = 0;
};

// `headline_at_least`: a grown body's headline may be set up to this size (kPosterHeadlineU
// at most) when its lines allow; 0: the standard sizes.
Header lay_header(const playlist::Item& item, const SlideContext& ctx, float x, float width, int headline_at_least = 0) {
    const Metrics& m = ctx.metrics;
    const float u = static_cast<float>(m.unit);
    Header h;
    Scene& first = h.scene;
    float y = 0;
    if (!item.kicker.empty()) {
        y += put_kicker(first, ctx, item.kicker.value, x, y, width, palette::masthead).height + std::round(u * 0.55f);
    }
    if (!item.headline.empty()) {
        text::Style style;
        style.weight = text::Weight::Bold;
        style.line_height = 1.24f;
        const int standard_px = static_cast<int>(std::lround(u * (m.portrait() ? 2.7f : 3.0f)));
        const int max_px = std::max(standard_px, std::min(headline_at_least, static_cast<int>(std::lround(u * kPosterHeadlineU))));
        // Grown, it is only worth its size as the headline it dominates with: never smaller
        // than asked, even where the standard sizes would take one line less (a long headline
        // over a grown body goes to two balanced lines rather than hold the body back).
        const int min_px = headline_at_least > 0 ? std::min(headline_at_least, max_px)
                                                 : static_cast<int>(std::lround(u * 1.6f));
        const text::Fitted fitted = fit_headline(ctx, item.headline.value, style, width, 3, min_px, max_px);
        put_block(first, ctx, fitted.block, x, y, palette::ink, "headline");
        y += fitted.block.height + std::round(u * 0.3f);
        h.headline_px = fitted.fits || headline_at_least == 0 ? fitted.size_px : 0;
    }
    if (!item.subhead.empty()) {
        text::Style style;
        style.line_height = 1.35f;
        const text::Fitted fitted = fit_headline(ctx, item.subhead.value, style, width, 2,
                                                 static_cast<int>(std::lround(u * 1.1f)),
                                                 static_cast<int>(std::lround(u * 1.45f)));
        put_block(first, ctx, fitted.block, x, y, kSubheadInk, "subhead");
        y += fitted.block.height + std::round(u * 0.3f);
    }
    if (!item.byline.empty()) {
        text::Style style;
        style.size_px = std::max(m.body_min * 9 / 10, static_cast<int>(std::lround(u * 0.9f)));
        style.line_height = 1.4f;
        y += put_text(first, ctx, item.byline.value, {style, palette::ink_soft, "byline"}, x, y, width);
    }
    y += std::round(u * 0.45f);
    hairline(first, x, y, width, std::max(1.f, std::round(u * 0.08f)), palette::masthead);
    y += std::round(u * 0.8f);
    h.height = y;
    return h;
}

// Where a one-page text's QR code stands: under the text on an upright board; beside its
// last lines on a landscape one, whose height is what a short text runs out of first (under
// it, the code took a third of a 1080-line page and held the type back).
enum class CodePlace { None, Below, Beside };

CodePlace code_place(const playlist::Item& item, const SlideContext& ctx) {
    if (item.link.empty()) return CodePlace::None;
    return ctx.metrics.portrait() ? CodePlace::Below : CodePlace::Beside;
}

float code_gap(const SlideContext& ctx) { return std::round(static_cast<float>(ctx.metrics.unit) * 0.8f); }

// The height of the article's code with its label (render/qr.h).
float code_h(const playlist::Item& item, const SlideContext& ctx) {
    return code_height(ctx, item.link.url, kReadOnLabel, code_side(ctx.metrics));
}

// Room the code takes under a one-page text, gap included (0 when it has none or stands beside).
float code_reserve(const playlist::Item& item, const SlideContext& ctx) {
    if (code_place(item, ctx) != CodePlace::Below) return 0;
    return code_gap(ctx) + code_h(item, ctx);
}

// Width the code takes beside a one-page text, gap included (0 unless it stands beside).
float code_aside(const playlist::Item& item, const SlideContext& ctx) {
    if (code_place(item, ctx) != CodePlace::Beside) return 0;
    return code_gap(ctx) + code_side(ctx.metrics);
}

// A whole article on one page: the header and `columns` columns of body in `width`.
struct OnePage {
    Header header;
    Body body;
    float width = 0, column_w = 0, frame_h = 0;
    int columns = 1;
    float code_below = 0;  // code_reserve()
    float code_beside = 0; // the height of a code beside the text, else 0
    float text_height() const {
        float h = 0;
        for (const text::Frame& f : body.frames) h = std::max(h, text::frame_height(body.paragraphs, f));
        return header.height + h;
    }
    // The whole block's height, its QR code included.
    float height() const { return std::max(text_height() + code_below, code_beside); }
};

// The article on one page at body size `size_px`, or nothing when it does not fit.
std::optional<OnePage> one_page(const playlist::Item& item, const SlideContext& ctx, int size_px, int columns,
                                float width, float line_height = kBodyLineHeight) {
    const Rect area = ctx.metrics.content();
    OnePage page;
    page.columns = columns;
    page.width = width;
    page.column_w = (width - static_cast<float>(ctx.metrics.gutter) * static_cast<float>(columns - 1)) /
                    static_cast<float>(columns);
    // A body grown past the standard size keeps its headline clearly larger.
    const bool grown = size_px > ctx.metrics.body_max && !item.headline.empty();
    const int headline_px = grown ? static_cast<int>(std::ceil(kHeadlineOverBody * static_cast<float>(size_px))) : 0;
    page.header = lay_header(item, ctx, 0, width, headline_px);
    if (grown && page.header.headline_px < headline_px) return std::nullopt;
    page.code_below = code_reserve(item, ctx);
    if (code_place(item, ctx) == CodePlace::Beside) page.code_beside = code_h(item, ctx);
    page.frame_h = area.h - page.header.height - page.code_below;
    if (page.frame_h < static_cast<float>(size_px) * kBodyLineHeight) return std::nullopt;
    text::FlowSpec spec;
    spec.frame_height = [h = page.frame_h](std::size_t) { return h; };
    page.body = lay_body(item, ctx, size_px, page.column_w, spec, line_height);
    if (page.body.frames.size() > static_cast<std::size_t>(columns)) return std::nullopt;
    if (size_px > ctx.metrics.body_max && page.height() > kPosterMaxFill * area.h) return std::nullopt;
    // Verse keeps its lines: a size that wraps one is too large for it.
    for (std::size_t p = 0; p < item.body.size() && size_px > ctx.metrics.body_max; ++p) {
        const std::size_t verses = verse_lines(item.body[p].value);
        if (verses > 0 && page.body.paragraphs[p].lines.size() > verses) return std::nullopt;
    }
    return page;
}

// The largest body size from the standard one up to the cap at which the article still
// fits on one page in this arrangement; nothing if it does not fit even at the standard size.
// `measure_em`: the width follows the size (one comfortable measure), else the full width.
std::optional<OnePage> grown(const playlist::Item& item, const SlideContext& ctx, int columns, float measure_em) {
    const Metrics& m = ctx.metrics;
    const float full = m.content().w - code_aside(item, ctx);
    auto width_at = [&](int size) {
        return measure_em > 0 ? std::min(full, std::round(measure_em * static_cast<float>(size))) : full;
    };
    std::optional<OnePage> best = one_page(item, ctx, m.body_max, columns, width_at(m.body_max));
    if (!best) return std::nullopt;
    const bool verse = std::all_of(item.body.begin(), item.body.end(),
                                   [](const playlist::Text& p) { return verse_lines(p.value) > 0; });
    const float cap_scale = verse ? kVerseGrowCap : kGrowCap;
    const int cap = std::max(m.body_max, static_cast<int>(std::lround(static_cast<float>(m.body_max) * cap_scale)));
    int lo = m.body_max + 1, hi = cap;
    while (lo <= hi) {  // a larger size never fits where a smaller one did not
        const int mid = lo + (hi - lo) / 2;
        if (auto tried = one_page(item, ctx, mid, columns, width_at(mid))) {
            best = std::move(tried);
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    // Lines all shorter than the measure (verse): the measure shrinks to them, so the block
    // is centred by what it shows, not by an empty right half.
    if (columns == 1) {
        float used = 0;
        for (const text::Block& b : best->body.paragraphs)
            for (const text::Line& line : b.lines) used = std::max(used, line.x + line.width);
        if (used > 0 && used < 0.8f * best->width)
            if (auto narrow = one_page(item, ctx, best->body.size_px, 1, std::ceil(used)))
                if (narrow->body.paragraphs.size() == best->body.paragraphs.size()) best = std::move(narrow);
    }
    // Still short at the largest size (a quatrain on an upright board): more leading.
    const float target = kPosterFill * m.content().h;
    const int size = best->body.size_px;
    for (float lh = kBodyLineHeight + 0.06f; lh <= kMaxPosterLineHeight && best->height() < target; lh += 0.06f) {
        auto tried = one_page(item, ctx, size, columns, best->width, lh);
        if (!tried) break;
        best = std::move(tried);
    }
    return best;
}

// The body's columns on one page, balanced, under a header; the block at the optical centre.
Page poster_page(const playlist::Item& item, const SlideContext& ctx, OnePage&& one) {
    const Rect area = ctx.metrics.content();
    const float gutter = static_cast<float>(ctx.metrics.gutter);
    std::vector<text::Frame> frames = std::move(one.body.frames);
    frames.resize(static_cast<std::size_t>(one.columns));
    frames = text::balance(one.body.paragraphs, frames, std::round(one.body.size_px * 0.35f), one.frame_h);
    float body_h = 0;
    for (const text::Frame& f : frames) body_h = std::max(body_h, text::frame_height(one.body.paragraphs, f));
    const float aside = code_aside(item, ctx);
    const float x = std::round(area.x + (area.w - one.width - aside) / 2);
    const float reserve = one.code_below;
    const float block_h = std::max(one.header.height + body_h + reserve, one.code_beside);
    const float top = std::round(area.y + std::max(0.f, area.h - block_h) * kOpticalTop);
    Page page = blank_page(item, ctx.metrics, palette::paper);
    append_shifted(page.scene, std::move(one.header.scene), x, top);
    for (int c = 0; c < one.columns; ++c) {
        const float cx = x + static_cast<float>(c) * (one.column_w + gutter);
        const float by = top + one.header.height;
        if (c > 0) hairline(page.scene, cx - std::round(gutter / 2), by, 1, body_h, palette::rule);
        put_frame(page.scene, ctx, one.body.paragraphs, frames[static_cast<std::size_t>(c)], cx, by, palette::ink,
                  "body");
    }
    // The QR code under the text, flush with its right edge; or beside it, its foot on the
    // block's.
    const float side = code_side(ctx.metrics);
    if (reserve > 0) {
        put_code(page.scene, ctx, item.link.url, kReadOnLabel, x + one.width - side,
                 top + block_h - code_h(item, ctx), side, palette::ink);
    } else if (aside > 0) {
        put_code(page.scene, ctx, item.link.url, kReadOnLabel, x + one.width + code_gap(ctx),
                 top + block_h - code_h(item, ctx), side, palette::ink);
    }
    return page;
}

// How many columns a long text takes: one upright or on a narrow screen, else two; a 4K
// board may take three (article() decides, per article).
int long_columns(const Metrics& m) {
    if (m.portrait() || m.width < 1000) return 1;
    return m.width >= 3000 ? 3 : 2;
}

// The smallest body a long text is set at. Two columns or one: 6/7 of the standard size, well
// above the legal minimum (1/36 of the short side): a board is read from metres away, and one
// more page costs less than text too small to read. Three columns on a 4K board: 3/4 of it,
// still 1/34 of the short side (the 4K panel is the large one in a lobby); at 6/7 a third
// column held less than two and cost the demo's meeting report a page, so it kept two.
int floor_size(const Metrics& m, int columns) {
    return std::max(m.body_min, columns >= 3 ? m.body_max * 3 / 4 : m.body_max * 6 / 7);
}

// A text longer than a page, in `columns` columns on as many pages as it needs.
std::vector<Page> paged(const playlist::Item& item, const SlideContext& ctx, int columns) {
    const Metrics& m = ctx.metrics;
    const Rect area = m.content();
    const float u = static_cast<float>(m.unit);
    const float gutter = static_cast<float>(m.gutter);
    const float column_w = (area.w - gutter * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float page_number_h = std::round(u * 1.2f);

    // Page one's header, laid out first: its height decides how much body fits below it.
    // With a link, the QR code stands at the top right of page one, beside the header.
    const float side = item.link.empty() ? 0.f : code_side(m);
    const float code_gap = std::round(u * 1.0f);
    Header header = lay_header(item, ctx, area.x, side > 0 ? area.w - side - code_gap : area.w);
    Scene first;
    append_shifted(first, std::move(header.scene), 0, area.y);
    float first_body_top = area.y + header.height;
    if (side > 0) {
        const float h = put_code(first, ctx, item.link.url, kReadOnLabel, area.x + area.w - side, area.y, side,
                                 palette::ink);
        first_body_top = std::max(first_body_top, area.y + h + std::round(u * 0.8f));
    }
    // Later pages carry a one-line reminder of the headline.
    const float continued_header_h = std::round(u * 2.6f);
    const float later_frame_h = area.h - page_number_h - continued_header_h;
    // A header so long that not even three body lines fit under it (the limits allow a
    // 200-character headline over a 500-character subhead) gets pages of its own, flowed
    // like text, rather than running off the screen.
    const float min_body_h = 3.f * std::round(static_cast<float>(m.body_max) * kBodyLineHeight);
    const bool header_alone = area.y + area.h - page_number_h - first_body_top < min_body_h;
    const float first_frame_h = header_alone ? later_frame_h : area.y + area.h - page_number_h - first_body_top;
    text::FlowSpec spec;
    spec.frame_height = [&](std::size_t frame) {
        return frame < static_cast<std::size_t>(columns) ? first_frame_h : later_frame_h;
    };

    // The fewest pages the body can take at the smallest comfortable size (floor_size), then
    // the largest size that still needs no more than that.
    const int floor_px = floor_size(m, columns);
    Body body = lay_body(item, ctx, floor_px, column_w, spec);
    auto pages_of = [&](const Body& b) {
        return std::max<std::size_t>(1, (b.frames.size() + columns - 1) / columns);
    };
    const std::size_t fewest = pages_of(body);
    for (int size = m.body_max; size > floor_px; --size) {
        Body candidate = lay_body(item, ctx, size, column_w, spec);
        if (pages_of(candidate) <= fewest) {
            body = std::move(candidate);
            break;
        }
    }

    std::vector<Page> pages = header_alone ? header_pages(item, ctx, page_number_h) : std::vector<Page>{};
    const std::size_t body_pages = body.frames.empty() && header_alone ? 0 : pages_of(body);
    if (body_pages > 0 && columns > 1) {
        // The last page's columns end together.
        const std::size_t from = (body_pages - 1) * static_cast<std::size_t>(columns);
        std::vector<text::Frame> last(body.frames.begin() + static_cast<std::ptrdiff_t>(from), body.frames.end());
        last.resize(static_cast<std::size_t>(columns));
        last = text::balance(body.paragraphs, last, std::round(body.size_px * 0.35f), spec.frame_height(from));
        body.frames.resize(from);
        body.frames.insert(body.frames.end(), last.begin(), last.end());
    }
    for (std::size_t p = 0; p < body_pages; ++p) {
        Page page = blank_page(item, m, palette::paper);
        float top = first_body_top;
        if (p == 0 && !header_alone) {
            page.scene.ops = first.ops;
            page.scene.text = first.text;
            page.scene.codes = first.codes;
        } else {
            top = area.y;
            const Size plate = put_label(page.scene, ctx, "续", static_cast<int>(std::lround(u * 0.9f)), area.x, top,
                                         palette::masthead, palette::on_red, "kicker");
            text::Style style;
            style.weight = text::Weight::Bold;
            style.line_height = 1.2f;
            const float x = area.x + plate.w + std::round(u * 0.5f);
            const text::Fitted fitted = text::fit_text(ctx.fonts, item.headline.value, style, area.x + area.w - x, 1,
                                                       static_cast<int>(u), static_cast<int>(std::lround(u * 1.3f)));
            // A reminder, not the headline: one line, the rest of a very long one left to page one.
            text::Block reminder = fitted.block;
            if (reminder.lines.size() > 1) {
                reminder.lines.resize(1);
                reminder.height = reminder.lines.front().height;
            }
            put_block(page.scene, ctx, reminder, x, top, palette::ink, "reminder");
            top += std::max(plate.h, reminder.height) + std::round(u * 0.45f);
            hairline(page.scene, area.x, top, area.w, std::max(1.f, std::round(u * 0.08f)), palette::masthead);
            top = area.y + continued_header_h;
        }
        for (int c = 0; c < columns; ++c) {
            const std::size_t f = p * static_cast<std::size_t>(columns) + static_cast<std::size_t>(c);
            if (f >= body.frames.size()) break;
            const float x = area.x + static_cast<float>(c) * (column_w + gutter);
            if (c > 0)
                hairline(page.scene, x - std::round(gutter / 2), top, 1, spec.frame_height(f), palette::rule);
            put_frame(page.scene, ctx, body.paragraphs, body.frames[f], x, top, palette::ink, "body");
        }
        pages.push_back(std::move(page));
    }
    const int count = static_cast<int>(pages.size());
    for (int i = 0; i < count; ++i) {
        Page& page = pages[static_cast<std::size_t>(i)];
        page.number = i + 1;
        page.count = count;
        put_page_number(page.scene, ctx, page.number, count,
                        {area.x, area.y + area.h - page_number_h, area.w, page_number_h}, palette::ink_soft);
    }
    return pages;
}

}  // namespace

Result<std::vector<Page>> article(const playlist::Item& item, const SlideContext& ctx) {
    const Metrics& m = ctx.metrics;
    const int columns = long_columns(m);

    // A short text: one page, set large. Landscape boards try one measure first, then the
    // full width in columns.
    std::optional<OnePage> one = columns == 1 ? grown(item, ctx, 1, 0.f) : grown(item, ctx, 1, kMeasureEm);
    if (!one && columns > 1) one = grown(item, ctx, std::min(columns, 2), 0.f);
    if (one) {
        std::vector<Page> pages;
        pages.push_back(poster_page(item, ctx, std::move(*one)));
        return pages;
    }
    // Three narrower columns on a 4K board (a Chinese paper's column of 13-18 characters a
    // line), unless they would cost a page even at their smaller floor (floor_size).
    std::vector<Page> pages = paged(item, ctx, std::min(columns, 2));
    if (columns > 2) {
        std::vector<Page> three = paged(item, ctx, columns);
        if (three.size() <= pages.size()) pages = std::move(three);
    }
    return pages;
}

}  // namespace nb::render::templates

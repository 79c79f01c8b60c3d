// The article page: kicker plate, headline shrunk to fit three lines, subhead, byline, and
// the body in justified columns (two on a landscape board, one upright), continued on as
// many pages as it needs at the largest size that needs no more pages than the smallest.
#include <algorithm>
#include <cmath>

#include "render/compose.h"
#include "render/templates.h"
#include "text/flow.h"

namespace nb::render::templates {
namespace {

constexpr float kBodyLineHeight = 1.62f;
constexpr Color kSubheadInk{78, 70, 64, 255};

struct Body {
    int size_px = 0;
    std::vector<text::Block> paragraphs;
    std::vector<text::Frame> frames;
};

Body lay_body(const playlist::Item& item, const SlideContext& ctx, int size_px, float column_w,
              text::FlowSpec spec) {
    Body body;
    spec.paragraph_gap = std::round(static_cast<float>(size_px) * 0.35f);
    body.size_px = size_px;
    text::Style style;
    style.size_px = size_px;
    style.line_height = kBodyLineHeight;
    style.align = text::Align::Justify;
    style.indent = text::Indent::TwoEm;
    for (const auto& paragraph : item.body)
        body.paragraphs.push_back(text::layout_paragraph(ctx.fonts, paragraph.value, style, column_w));
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

}  // namespace

Result<std::vector<Page>> article(const playlist::Item& item, const SlideContext& ctx) {
    const Metrics& m = ctx.metrics;
    const Rect area = m.content();
    const float u = static_cast<float>(m.unit);
    const int columns = (m.portrait() || m.width < 1000) ? 1 : 2;
    const float gutter = static_cast<float>(m.gutter);
    const float column_w = (area.w - gutter * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float page_number_h = std::round(u * 1.2f);

    // Page one's header, laid out first: its height decides how much body fits below it.
    Scene first;
    float y = area.y;
    if (!item.kicker.empty()) {
        y += put_kicker(first, ctx, item.kicker.value, area.x, y, area.w, palette::masthead) + std::round(u * 0.55f);
    }
    if (!item.headline.empty()) {
        text::Style style;
        style.weight = text::Weight::Bold;
        style.line_height = 1.24f;
        const int max_px = static_cast<int>(std::lround(u * (m.portrait() ? 2.7f : 3.0f)));
        const int min_px = static_cast<int>(std::lround(u * 1.6f));
        const text::Fitted fitted = fit_headline(ctx, item.headline.value, style, area.w, 3, min_px, max_px);
        put_block(first, ctx, fitted.block, area.x, y, palette::ink, "headline");
        y += fitted.block.height + std::round(u * 0.3f);
    }
    if (!item.subhead.empty()) {
        text::Style style;
        style.line_height = 1.35f;
        const text::Fitted fitted = fit_headline(ctx, item.subhead.value, style, area.w, 2,
                                                   static_cast<int>(std::lround(u * 1.1f)),
                                                   static_cast<int>(std::lround(u * 1.45f)));
        put_block(first, ctx, fitted.block, area.x, y, kSubheadInk, "subhead");
        y += fitted.block.height + std::round(u * 0.3f);
    }
    if (!item.byline.empty()) {
        text::Style style;
        style.size_px = std::max(m.body_min * 9 / 10, static_cast<int>(std::lround(u * 0.9f)));
        style.line_height = 1.4f;
        y += put_text(first, ctx, item.byline.value, {style, palette::ink_soft, "byline"}, area.x, y, area.w);
    }
    y += std::round(u * 0.45f);
    hairline(first, area.x, y, area.w, std::max(1.f, std::round(u * 0.08f)), palette::masthead);
    y += std::round(u * 0.8f);
    const float first_body_top = y;

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

    // The fewest pages the body can take at the smallest comfortable size, then the largest
    // size that still needs no more than that. The floor is well above the legal minimum
    // (1/36 of the short side): a board is read from metres away, and one more page costs
    // less than text too small to read.
    const int floor_px = std::max(m.body_min, m.body_max * 6 / 7);
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
    for (std::size_t p = 0; p < body_pages; ++p) {
        Page page = blank_page(item, m, palette::paper);
        float top = first_body_top;
        if (p == 0 && !header_alone) {
            page.scene.ops = first.ops;
            page.scene.text = first.text;
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

}  // namespace nb::render::templates

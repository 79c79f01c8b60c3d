// The notice: a short urgent message, big and centred on red, with a yellow label strip, so
// it reads from across a square and cannot be mistaken for an article.
#include <algorithm>
#include <cmath>

#include "render/compose.h"
#include "render/qr.h"
#include "render/templates.h"
#include "text/clamp.h"

namespace nb::render::templates {
namespace {

// How much larger than the standard sizes a short notice may be set to fill the page, and
// how much of the content area's height it should then cover.
constexpr float kMaxScale = 2.2f;
constexpr float kFill = 0.85f;

// The notice's own link, else (an ordinary notice, not an urgent one) the paper's account.
const playlist::Link* code_of(const playlist::Item& item, const SlideContext& ctx) {
    if (!item.link.empty()) return &item.link;
    if (item.priority == playlist::Priority::Normal && !ctx.playlist.follow.empty()) return &ctx.playlist.follow;
    return nullptr;
}

// What lay_column() set: its height, and the text's size, lines and line height.
struct Column {
    float height = 0;
    int text_px = 0;
    int text_lines = 0;
    float text_line_h = 0;
};

// The smallest the text is set: at the standard size, never below the board's minimum.
int text_floor(const Metrics& m) { return std::max(m.body_min, static_cast<int>(std::lround(m.unit * 1.1f))); }

// How the text is set in a column: no larger than `max_px` (0: as large as the scale allows),
// cut to `lines` lines (with "…") if it has more.
struct TextSet {
    int max_px = 0;
    int lines = kAllLines;
};

// The label plate, headline and text set from y = 0 in a column, the type `scale` times
// the standard sizes.
Column lay_column(Scene& column, const playlist::Item& item, const SlideContext& ctx, float scale,
                  const TextSet& set = {}) {
    Column out;
    const Metrics& m = ctx.metrics;
    const Rect area = m.content();
    const float u = static_cast<float>(m.unit);
    const float inner_w = std::min(area.w, std::round(area.w * (m.portrait() ? 1.0f : 0.8f)));
    const float x = area.x + (area.w - inner_w) / 2;
    float y = 0;
    const std::string label = item.kicker.empty() ? std::string("通知") : item.kicker.value;
    text::Style label_style;
    label_style.weight = text::Weight::Bold;
    label_style.size_px = static_cast<int>(std::lround(u * 1.5f));
    label_style.line_height = 1.0f;
    const text::Block label_block = text::layout_paragraph(ctx.fonts, label, label_style, inner_w);
    float label_w = 0;
    for (const auto& line : label_block.lines) label_w = std::max(label_w, line.width);
    const float pad = std::round(u * 0.5f);
    const float plate_w = label_w + 2 * pad * 1.6f;
    const float plate_x = std::round(x + (inner_w - plate_w) / 2);
    column.fill({plate_x, y, plate_w, label_block.height + 2 * pad * 0.6f}, palette::notice_band);
    put_block(column, ctx, label_block, plate_x + pad * 1.6f, y + pad * 0.6f, palette::notice_bg, "kicker");
    y += label_block.height + pad * 1.2f + std::round(u * 1.2f);

    if (!item.headline.empty()) {
        text::Style style;
        style.weight = text::Weight::Bold;
        style.line_height = 1.25f;
        style.align = text::Align::Center;
        const text::Fitted fitted = fit_headline(ctx, item.headline.value, style, inner_w, 3,
                                                   static_cast<int>(std::lround(u * 1.8f)),
                                                   static_cast<int>(std::lround(u * 3.2f * scale)));
        const text::Block block = held_to_lines(ctx, item.headline.value, fitted, style, inner_w, 3);
        put_block(column, ctx, block, x, y, palette::on_red, "headline");
        y += block.height + std::round(u * 0.9f);
    }
    if (!item.text.empty()) {
        text::Style style;
        style.line_height = 1.55f;
        style.align = text::Align::Center;
        // The largest size at which it takes at most six lines, those lines then balanced: a
        // text is read for its size, not its line count (fit_headline alone kept a two-line
        // notice at 4/5 of the size three lines allowed).
        const int floor_px = text_floor(m);
        int max_px = static_cast<int>(std::lround(u * 1.7f * scale));
        if (set.max_px > 0) max_px = std::max(floor_px, std::min(max_px, set.max_px));
        const int largest = text::fit_text(ctx.fonts, item.text.value, style, inner_w, 6, floor_px, max_px).size_px;
        const text::Fitted fitted = fit_headline(ctx, item.text.value, style, inner_w, 6, largest, largest);
        style.size_px = fitted.size_px;
        const text::Block block = static_cast<int>(fitted.block.lines.size()) <= set.lines
                                      ? fitted.block
                                      : text::layout_clamped(ctx.fonts, item.text.value, style, inner_w, set.lines);
        put_block(column, ctx, block, x, y, palette::on_red, "text");
        out.text_px = style.size_px;
        out.text_lines = static_cast<int>(block.lines.size());
        out.text_line_h = block.lines.empty() ? 0.f : block.lines.front().height;
        y += block.height;
    }
    if (const playlist::Link* code = code_of(item, ctx)) {
        const float side = code_side(m);
        y += std::round(u * 1.2f);
        const std::string label = !code->label.empty() ? code->label.value
                                  : code == &item.link ? std::string(kReadOnLabel)
                                                       : std::string(kFollowLabel);
        y += put_code(column, ctx, code->url, label, std::round(x + (inner_w - side) / 2), y, side, palette::on_red);
    }
    out.height = y;
    return out;
}

}  // namespace

Result<std::vector<Page>> notice(const playlist::Item& item, const SlideContext& ctx) {
    const Metrics& m = ctx.metrics;
    const Rect area = m.content();
    Page page = blank_page(item, m, palette::notice_bg);
    // The largest scale whose column still fits in most of the page (the sizes grow in
    // steps, so a larger scale never makes the column shorter in practice).
    Scene column;
    const Column standard = lay_column(column, item, ctx, 1.f);
    float y = standard.height;
    if (y > area.h && standard.text_lines > 0) {
        // Too long for the page at the standard sizes (a text may have 500 characters, which
        // with a two-line headline ran under the ticker at 1920x1080, its QR code off the
        // screen). Set smaller first, down to the text's floor: the largest size at which the
        // whole text fits (a 60-character text was cut at 51 px beside a QR code, where 33 px
        // held it whole).
        int lo = text_floor(ctx.metrics), hi = standard.text_px - 1;
        bool whole = false;
        while (lo <= hi) {  // a smaller text never makes the column taller
            const int mid = lo + (hi - lo) / 2;
            Scene tried;
            const float h = lay_column(tried, item, ctx, 1.f, {mid}).height;
            if (h <= area.h) {
                column = std::move(tried);
                y = h;
                whole = true;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (!whole) {
            // Not even there: the text at its floor, cut to the lines the page holds.
            Scene smallest;
            const Column at_floor = lay_column(smallest, item, ctx, 1.f, {text_floor(ctx.metrics)});
            const int over = static_cast<int>(std::ceil((at_floor.height - area.h) / at_floor.text_line_h));
            column = Scene{};
            y = lay_column(column, item, ctx, 1.f, {at_floor.text_px, std::max(1, at_floor.text_lines - over)}).height;
        }
    }
    float lo = 1.f, hi = kMaxScale;
    for (int i = 0; i < 6 && y < kFill * area.h; ++i) {
        const float mid = (lo + hi) / 2;
        Scene tried;
        const float h = lay_column(tried, item, ctx, mid).height;
        if (h <= kFill * area.h) {
            lo = mid;
            column = std::move(tried);
            y = h;
        } else {
            hi = mid;
        }
    }
    append_shifted(page.scene, std::move(column), 0, std::round(area.y + std::max(0.f, (area.h - y) / 2)));
    return std::vector<Page>{std::move(page)};
}

}  // namespace nb::render::templates

#include "render/compose.h"

#include <cmath>

#include "core/utf8.h"
#include "text/clamp.h"

namespace nb::render {

Page blank_page(const playlist::Item& item, const Metrics& m, Color background) {
    Page page;
    page.item_id = item.id;
    page.duration_s = item.duration_s;
    page.scene.width = m.width;
    page.scene.height = m.height;
    page.scene.background = background;
    return page;
}

void put_frame(Scene& scene, const SlideContext& ctx, const std::vector<text::Block>& paragraphs,
               const text::Frame& frame, float x, float y, Color color, const char* role) {
    for (const text::PlacedLine& placed : frame) {
        text::Block one;
        one.lines.push_back(paragraphs[placed.paragraph].lines[placed.line]);
        one.lines.back().y = 0;
        put_block(scene, ctx, one, x, y + placed.y, color, role);
        scene.text.back().paragraph = static_cast<int>(placed.paragraph);
    }
}

float put_text(Scene& scene, const SlideContext& ctx, std::string_view s, const TextSpec& spec, float x, float y,
               float width) {
    if (s.empty()) return 0;
    const text::Block block = text::layout_paragraph(ctx.fonts, s, spec.style, width);
    put_block(scene, ctx, block, x, y, spec.color, spec.role);
    return block.height;
}

SetText put_clamped(Scene& scene, const SlideContext& ctx, std::string_view s, const TextSpec& spec, float x, float y,
                    float width, int max_lines) {
    if (s.empty()) return {};
    const text::Block block = text::layout_clamped(ctx.fonts, s, spec.style, width, max_lines);
    put_block(scene, ctx, block, x, y, spec.color, spec.role);
    return {block.height,
            {static_cast<int>(block.lines.size()), block.lines.empty() ? 0.f : block.lines.front().height}};
}

void put_block(Scene& scene, const SlideContext& ctx, const text::Block& block, float x, float y, Color color,
               const char* role) {
    draw_block(scene, ctx.glyphs, ctx.fonts, block, x, y, TextPaint{color, role, ctx.ink});
}

namespace {

// The narrowest width at which `s` still takes `lines` lines at the given style.
float balanced_width(const SlideContext& ctx, std::string_view s, const text::Style& style, float width,
                     std::size_t lines) {
    float lo = width / static_cast<float>(lines), hi = width;
    for (int i = 0; i < 10 && hi - lo > 2; ++i) {
        const float mid = (lo + hi) / 2;
        if (text::layout_paragraph(ctx.fonts, s, style, mid).lines.size() <= lines)
            hi = mid;
        else
            lo = mid;
    }
    return std::ceil(hi);
}

}  // namespace

text::Block held_to_lines(const SlideContext& ctx, std::string_view s, const text::Fitted& fitted, text::Style style,
                          float width, int max_lines) {
    if (fitted.fits) return fitted.block;
    style.size_px = fitted.size_px;
    return text::layout_clamped(ctx.fonts, s, style, width, max_lines);
}

text::Fitted fit_headline(const SlideContext& ctx, std::string_view s, text::Style style, float width, int max_lines,
                          int min_px, int max_px) {
    text::Fitted fitted;
    const int comfortable = std::max(min_px, max_px * 4 / 5);
    bool found = false;
    for (int lines = 1; lines <= max_lines && !found; ++lines) {
        fitted = text::fit_text(ctx.fonts, s, style, width, lines, comfortable, max_px);
        found = fitted.fits;
    }
    if (!found) fitted = text::fit_text(ctx.fonts, s, style, width, max_lines, min_px, max_px);
    const std::size_t lines = fitted.block.lines.size();
    if (lines > 1) {
        style.size_px = fitted.size_px;
        const float narrow = balanced_width(ctx, s, style, width, lines);
        text::Block block = text::layout_paragraph(ctx.fonts, s, style, narrow);
        if (block.lines.size() == lines) {
            // Centred text stays centred on the full width.
            const float shift = style.align == text::Align::Center ? std::round((width - narrow) / 2)
                                : style.align == text::Align::End  ? width - narrow
                                                                   : 0.f;
            for (auto& line : block.lines) line.x += shift;
            block.width = width;
            fitted.block = std::move(block);
        }
    }
    return fitted;
}

SetText put_kicker(Scene& scene, const SlideContext& ctx, std::string_view s, float x, float y, float width,
                   Color line_ink, int max_lines) {
    const float u = static_cast<float>(ctx.metrics.unit);
    if (utf8::length(s) <= 8) {
        const float h = put_label(scene, ctx, s, static_cast<int>(std::lround(u)), x, y, palette::masthead,
                                  palette::on_red, "kicker")
                            .h;
        return {h, {1, h}};
    }
    text::Style style;
    style.weight = text::Weight::Bold;
    style.size_px = static_cast<int>(std::lround(u * 1.15f));
    style.line_height = 1.3f;
    const float bar = std::max(3.f, std::round(u * 0.18f));
    scene.fill({x, y + std::round(u * 0.2f), bar, std::round(u * 1.1f)}, palette::masthead);
    return put_clamped(scene, ctx, s, {style, line_ink, "kicker"}, x + bar + std::round(u * 0.45f), y,
                       width - bar - std::round(u * 0.45f), max_lines);
}

Size put_label(Scene& scene, const SlideContext& ctx, std::string_view s, int size_px, float x, float y,
               Color plate, Color ink, const char* role) {
    text::Style style;
    style.weight = text::Weight::Bold;
    style.size_px = size_px;
    style.line_height = 1.0f;
    const text::Block block = text::layout_paragraph(ctx.fonts, s, style, static_cast<float>(ctx.metrics.width));
    float w = 0;
    for (const auto& line : block.lines) w = std::max(w, line.width);
    const float pad_x = std::round(size_px * 0.45f), pad_y = std::round(size_px * 0.22f);
    const Size size{w + 2 * pad_x, block.height + 2 * pad_y};
    scene.fill({x, y, size.w, size.h}, plate);
    put_block(scene, ctx, block, x + pad_x, y + pad_y, ink, role);
    return size;
}

void put_page_number(Scene& scene, const SlideContext& ctx, int number, int count, const Rect& area, Color color) {
    if (count <= 1) return;
    text::Style style;
    style.size_px = std::max(12, ctx.metrics.unit * 8 / 10);
    style.line_height = 1.2f;
    style.align = text::Align::End;
    const std::string s = std::to_string(number) + " / " + std::to_string(count);
    const text::Block block = text::layout_paragraph(ctx.fonts, s, style, area.w);
    put_block(scene, ctx, block, area.x, area.y + area.h - block.height, color, "page");
}

void append_shifted(Scene& scene, Scene&& part, float dx, float dy) {
    for (DrawOp& op : part.ops) {
        op.dst.x += dx;
        op.dst.y += dy;
        scene.ops.push_back(std::move(op));
    }
    for (TextRecord& t : part.text) {
        t.box.x += dx;
        t.box.y += dy;
        scene.text.push_back(std::move(t));
    }
    for (CodeRecord& c : part.codes) {
        c.box.x += dx;
        c.box.y += dy;
        scene.codes.push_back(std::move(c));
    }
}

}  // namespace nb::render

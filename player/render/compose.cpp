#include "render/compose.h"

#include <cmath>

namespace nb::render {

float put_text(Scene& scene, const SlideContext& ctx, std::string_view s, const TextSpec& spec, float x, float y,
               float width) {
    if (s.empty()) return 0;
    const text::Block block = text::layout_paragraph(ctx.fonts, s, spec.style, width);
    put_block(scene, ctx, block, x, y, spec.color, spec.role);
    return block.height;
}

void put_block(Scene& scene, const SlideContext& ctx, const text::Block& block, float x, float y, Color color,
               const char* role) {
    draw_block(scene, ctx.glyphs, ctx.fonts, block, x, y, TextPaint{color, role});
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
}

}  // namespace nb::render

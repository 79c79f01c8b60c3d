#include "render/panels.h"

#include <cmath>

#include "render/compose.h"
#include "render/theme.h"

namespace nb::render {

Scene standby_scene(const SlideContext& ctx, TimePoint now, const StandbyInfo& info) {
    const Metrics& m = ctx.metrics;
    const float w = static_cast<float>(m.width), h = static_cast<float>(m.height);
    const float u = static_cast<float>(m.unit);
    Scene scene;
    scene.width = m.width;
    scene.height = m.height;
    scene.background = palette::paper;
    scene.fill({0, 0, w, std::round(u * 0.4f)}, palette::masthead);

    text::Style big;
    big.weight = text::Weight::Bold;
    big.size_px = static_cast<int>(std::lround(u * 3.2f));
    big.line_height = 1.2f;
    big.align = text::Align::Center;
    float y = h * 0.3f;
    y += put_text(scene, ctx, chinese_clock(now, ctx.playlist.timezone), {big, palette::ink, "standby"}, 0, y, w);

    text::Style small;
    small.size_px = static_cast<int>(std::lround(u * 1.1f));
    small.line_height = 1.6f;
    small.align = text::Align::Center;
    y += u;
    std::vector<std::string> lines;
    if (!info.reason.empty()) lines.push_back(info.reason);
    lines.push_back("屏幕 " + (info.board_id.empty() ? std::string("未命名") : info.board_id));
    if (!info.source.empty()) lines.push_back("内容来源 " + info.source);
    for (const auto& line : lines)
        y += put_text(scene, ctx, line, {small, palette::ink_soft, "standby"}, std::round(w * 0.1f), y,
                      std::round(w * 0.8f));
    return scene;
}

Scene overlay_scene(const SlideContext& ctx, const std::vector<std::string>& lines) {
    const Metrics& m = ctx.metrics;
    const float u = static_cast<float>(m.unit);
    Scene scene;
    scene.width = m.width;
    scene.height = m.height;
    scene.background = {0, 0, 0, 0};
    text::Style style;
    style.size_px = std::max(12, static_cast<int>(std::lround(u * 0.8f)));
    style.line_height = 1.4f;
    const float pad = std::round(u * 0.6f);
    const float box_w = std::round(static_cast<float>(m.width) * 0.45f);
    Scene text;
    float y = pad;
    for (const auto& line : lines)
        y += put_text(text, ctx, line, {style, palette::on_night, "overlay"}, pad, y, box_w - 2 * pad);
    // Bottom right, just above the ticker: every template sets its headline at the top (or
    // centred in the upper part), so the overlay never covers it.
    const float left = static_cast<float>(m.width) - pad - box_w;
    const float top = std::max(static_cast<float>(m.top_bar) + pad,
                               static_cast<float>(m.height - m.ticker_bar) - pad - (y + pad));
    scene.fill({left, top, box_w, y + pad}, {0, 0, 0, 190});
    for (auto& op : text.ops) {
        op.dst.x += left;
        op.dst.y += top;
        scene.ops.push_back(std::move(op));
    }
    return scene;
}

}  // namespace nb::render

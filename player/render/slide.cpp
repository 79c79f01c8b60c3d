#include "render/slide.h"

#include <cmath>
#include <cstdio>

#include "core/time.h"
#include "render/compose.h"
#include "render/templates.h"

namespace nb::render {

Result<std::vector<Page>> prepare_item(const playlist::Item& item, const SlideContext& ctx) {
    switch (item.type) {
        case playlist::ItemType::Article: return templates::article(item, ctx);
        case playlist::ItemType::Photo: return templates::photo(item, ctx);
        case playlist::ItemType::Notice: return templates::notice(item, ctx);
        case playlist::ItemType::Index: return templates::index(item, ctx);
        case playlist::ItemType::Image: return templates::image(item, ctx);
    }
    return fail("unknown item type");
}

std::string chinese_clock(TimePoint now, const std::string& zone) {
    auto local = to_local(now, zone);
    if (!local) local = to_local(now, "UTC");
    if (!local) return {};
    static const char* const weekdays[] = {"一", "二", "三", "四", "五", "六", "日"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%d月%d日 星期%s %02d:%02d", local->date.month, local->date.day,
                  weekdays[local->weekday], local->hour, local->minute);
    return buf;
}

std::vector<std::string> ticker_lines(const playlist::Playlist& p) {
    std::vector<std::string> lines;
    if (p.ticker) {
        for (const auto& t : *p.ticker) lines.push_back(t.value);
        return lines;
    }
    for (const auto& item : p.items)
        if (!item.headline.empty()) lines.push_back(item.headline.value);
    return lines;
}

Scene chrome_scene(const SlideContext& ctx, TimePoint now, Chrome chrome) {
    const Metrics& m = ctx.metrics;
    const float w = static_cast<float>(m.width);
    const float u = static_cast<float>(m.unit);
    Scene scene;
    scene.width = m.width;
    scene.height = m.height;
    scene.background = {0, 0, 0, 0};
    const std::uint8_t alpha = chrome == Chrome::Overlay ? 215 : 255;

    // Masthead: the paper's name on red, the date and time on the right.
    const float bar = static_cast<float>(m.top_bar);
    Color red = palette::masthead;
    red.a = alpha;
    scene.fill({0, 0, w, bar}, red);
    Color dark = palette::masthead_dark;
    dark.a = alpha;
    scene.fill({0, bar - std::max(2.f, std::round(u * 0.12f)), w, std::max(2.f, std::round(u * 0.12f))}, dark);

    text::Style title;
    title.weight = text::Weight::Bold;
    title.size_px = static_cast<int>(std::lround(bar * 0.42f));
    title.line_height = 1.0f;
    const float text_y = std::round((bar - static_cast<float>(title.size_px)) / 2);
    const std::string clock = chinese_clock(now, ctx.playlist.timezone);
    text::Style clock_style = title;
    clock_style.weight = text::Weight::Regular;
    clock_style.size_px = static_cast<int>(std::lround(bar * 0.36f));
    clock_style.align = text::Align::End;
    const float clock_w = w * 0.4f;
    const float clock_y = std::round((bar - static_cast<float>(clock_style.size_px)) / 2);
    put_text(scene, ctx, clock, {clock_style, palette::on_red, "clock"}, w - m.margin - clock_w, clock_y, clock_w);
    const std::string name = ctx.playlist.title.empty() ? ctx.playlist.id : ctx.playlist.title.value;
    put_text(scene, ctx, name, {title, palette::on_red, "masthead"}, static_cast<float>(m.margin), text_y,
             w - 2.f * m.margin - clock_w);

    // Ticker band: a label plate, then the lines joined by a separator.
    const std::vector<std::string> lines = ticker_lines(ctx.playlist);
    if (!lines.empty()) {
        const float tb = static_cast<float>(m.ticker_bar);
        const float top = static_cast<float>(m.height) - tb;
        Color band = palette::ink;
        band.a = alpha;
        scene.fill({0, top, w, tb}, band);
        text::Style style;
        style.size_px = static_cast<int>(std::lround(tb * 0.44f));
        style.line_height = 1.0f;
        const float y = top + std::round((tb - static_cast<float>(style.size_px)) / 2);
        text::Style label = style;
        label.weight = text::Weight::Bold;
        const text::Block label_block = text::layout_paragraph(ctx.fonts, "快讯", label, w);
        const float plate_w = (label_block.lines.empty() ? 0 : label_block.lines[0].width) + 2.f * m.margin * 0.6f;
        scene.fill({0, top, static_cast<float>(m.margin) * 0.4f + plate_w, tb}, palette::masthead);
        put_block(scene, ctx, label_block, static_cast<float>(m.margin) * 0.4f + m.margin * 0.6f, y,
                  palette::on_red, "ticker");
        std::string joined;
        for (const auto& line : lines) joined += (joined.empty() ? "" : "　◆　") + line;
        // A standing picture shows the start of the crawl; the player scrolls it.
        const float x = static_cast<float>(m.margin) * 0.4f + plate_w + u;
        text::Style crawl = style;
        crawl.line_height = 1.0f;
        text::Block block = text::layout_paragraph(ctx.fonts, joined, crawl, 1e7f);
        // Only what fits on the band goes into this picture.
        if (!block.lines.empty()) {
            text::Line& line = block.lines.front();
            std::vector<text::Glyph> kept;
            for (const auto& g : line.glyphs)
                if (g.x + g.advance <= w - x) kept.push_back(g);
            line.glyphs = std::move(kept);
            line.width = std::min(line.width, w - x);
        }
        put_block(scene, ctx, block, x, y, palette::on_night, "ticker");
    }
    return scene;
}

}  // namespace nb::render

#include "render/slide.h"

#include <cmath>
#include <cstdio>

#include "core/time.h"
#include "playlist/schedule.h"
#include "render/compose.h"
#include "render/templates.h"
#include "text/clamp.h"

namespace nb::render {

namespace {

// Where the ticker band's parts sit, in the screen's logical pixels.
struct Band {
    float top = 0, height = 0;
    float text_y = 0;   // top of the text lines
    float plate_w = 0;  // the red "快讯" plate
    float crawl_x = 0;  // where the crawl starts
    text::Style style;
    text::Block label;
};

Band ticker_band(const SlideContext& ctx) {
    const Metrics& m = ctx.metrics;
    Band b;
    b.height = static_cast<float>(m.ticker_bar);
    b.top = static_cast<float>(m.height) - b.height;
    b.style.size_px = static_cast<int>(std::lround(b.height * 0.44f));
    b.style.line_height = 1.0f;
    b.text_y = b.top + std::round((b.height - static_cast<float>(b.style.size_px)) / 2);
    text::Style label = b.style;
    label.weight = text::Weight::Bold;
    b.label = text::layout_paragraph(ctx.fonts, "快讯", label, static_cast<float>(m.width));
    const float label_w = b.label.lines.empty() ? 0 : b.label.lines[0].width;
    b.plate_w = static_cast<float>(m.margin) * 0.4f + label_w + 2.f * static_cast<float>(m.margin) * 0.6f;
    b.crawl_x = b.plate_w + static_cast<float>(m.unit);
    return b;
}

text::Block crawl_block(const SlideContext& ctx, const std::vector<std::string>& lines, const Band& band,
                        bool loop = false) {
    std::string joined;
    for (const auto& line : lines) joined += (joined.empty() ? "" : "　◆　") + line;
    if (loop) joined += "　◆　";
    return text::layout_paragraph(ctx.fonts, joined, band.style, 1e7f);
}

}  // namespace

Result<std::vector<Page>> prepare_item(const playlist::Item& item, const SlideContext& ctx) {
    switch (item.type) {
        case playlist::ItemType::Article: return templates::article(item, ctx);
        case playlist::ItemType::Photo: return templates::photo(item, ctx);
        case playlist::ItemType::Notice: return templates::notice(item, ctx);
        case playlist::ItemType::Index: return templates::index(item, ctx);
        case playlist::ItemType::Image: return templates::image(item, ctx);
        case playlist::ItemType::Gallery: return templates::gallery(item, ctx);
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

namespace {

std::vector<bool> eligible_mask(const playlist::Playlist& p, std::optional<TimePoint> at) {
    std::vector<bool> mask(p.items.size(), !at);
    if (at)
        for (std::size_t i : playlist::eligible_items(p, *at)) mask[i] = true;
    return mask;
}

}  // namespace

std::vector<bool> listed_items(const SlideContext& ctx) {
    return eligible_mask(ctx.playlist, ctx.at);
}

std::vector<std::string> ticker_lines(const playlist::Playlist& p, std::optional<TimePoint> at) {
    std::vector<std::string> lines;
    if (p.ticker) {
        for (const auto& t : *p.ticker) lines.push_back(t.value);
        return lines;
    }
    const std::vector<bool> listed = eligible_mask(p, at);
    for (std::size_t i = 0; i < p.items.size(); ++i)
        if (listed[i] && !p.items[i].headline.empty()) lines.push_back(p.items[i].headline.value);
    return lines;
}

Scene chrome_scene(const SlideContext& ctx, TimePoint now, Chrome chrome, Crawl crawl) {
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
    // One line on the band, whatever its length (a title may have 200 characters): wrapped, it
    // would run down over the page.
    put_block(scene, ctx, text::layout_clamped(ctx.fonts, name, title, w - 2.f * m.margin - clock_w, 1),
              static_cast<float>(m.margin), text_y, palette::on_red, "masthead");

    // Ticker band: a label plate, then the lines joined by a separator.
    const std::vector<std::string> lines = ticker_lines(ctx.playlist, ctx.at);
    if (!lines.empty()) {
        const Band band = ticker_band(ctx);
        Color fill = palette::ink;
        fill.a = alpha;
        scene.fill({0, band.top, w, band.height}, fill);
        scene.fill({0, band.top, band.plate_w, band.height}, palette::masthead);
        put_block(scene, ctx, band.label, static_cast<float>(m.margin), band.text_y, palette::on_red, "ticker");
        if (crawl == Crawl::Still) {
            // A standing picture shows the start of the crawl; the player scrolls it.
            text::Block block = crawl_block(ctx, lines, band);
            // Only what fits on the band goes into this picture.
            if (!block.lines.empty()) {
                text::Line& line = block.lines.front();
                std::vector<text::Glyph> kept;
                for (const auto& g : line.glyphs)
                    if (g.x + g.advance <= w - band.crawl_x) kept.push_back(g);
                line.glyphs = std::move(kept);
                line.width = std::min(line.width, w - band.crawl_x);
            }
            put_block(scene, ctx, block, band.crawl_x, band.text_y, palette::on_night, "ticker");
        }
    }
    return scene;
}

std::optional<TickerStrip> ticker_strip(const SlideContext& ctx) {
    const std::vector<std::string> lines = ticker_lines(ctx.playlist, ctx.at);
    if (lines.empty()) return std::nullopt;
    const Band band = ticker_band(ctx);
    text::Block block = crawl_block(ctx, lines, band, true);
    if (block.lines.empty() || block.lines.front().glyphs.empty()) return std::nullopt;
    // Cut the one long line into pieces a GPU takes as textures (2048 px even on a Pi 3).
    const text::Line whole = std::move(block.lines.front());
    const float limit = static_cast<float>(std::min(ctx.max_texture, 2048)) * 0.75f;
    text::Block pieces;
    text::Line piece = whole;
    piece.glyphs.clear();
    piece.text.clear();
    float start = 0;
    auto flush = [&](float end) {
        if (piece.glyphs.empty()) return;
        piece.x = start;
        piece.width = end - start;
        pieces.lines.push_back(piece);
        piece.glyphs.clear();
    };
    for (text::Glyph g : whole.glyphs) {
        if (g.x + g.advance - start > limit) {
            flush(g.x);
            start = g.x;
        }
        g.x -= start;
        piece.glyphs.push_back(g);
    }
    flush(whole.width);
    TickerStrip t;
    t.strip.width = std::max(1, static_cast<int>(std::ceil(whole.width)));
    t.strip.height = static_cast<int>(band.height);
    t.strip.background = {0, 0, 0, 0};
    put_block(t.strip, ctx, pieces, 0, band.text_y - band.top, palette::on_night, "ticker");
    t.window = {band.crawl_x, band.top, static_cast<float>(ctx.metrics.width) - band.crawl_x, band.height};
    return t;
}

}  // namespace nb::render

// The headline index ("今日要闻"): the headlines of the playlist's other items, numbered,
// so a passer-by sees at a glance what the board is cycling through. A long list goes on
// to further pages rather than being cut.
#include <algorithm>
#include <cmath>

#include "render/compose.h"
#include "render/templates.h"

namespace nb::render::templates {
namespace {

Page start_page(const playlist::Item& item, const SlideContext& ctx, float& y) {
    const Metrics& m = ctx.metrics;
    const Rect area = m.content();
    const float u = static_cast<float>(m.unit);
    Page page = blank_page(item, m, palette::paper);
    y = area.y;
    text::Style title;
    title.weight = text::Weight::Bold;
    title.size_px = static_cast<int>(std::lround(u * 2.2f));
    title.line_height = 1.2f;
    y += put_text(page.scene, ctx, item.headline.empty() ? std::string("今日要闻") : item.headline.value,
                  {title, palette::masthead, "headline"}, area.x, y, area.w);
    y += std::round(u * 0.4f);
    hairline(page.scene, area.x, y, area.w, std::max(2.f, std::round(u * 0.1f)), palette::masthead);
    y += std::round(u * 0.9f);
    return page;
}

}  // namespace

Result<std::vector<Page>> index(const playlist::Item& item, const SlideContext& ctx) {
    const Metrics& m = ctx.metrics;
    const Rect area = m.content();
    const float u = static_cast<float>(m.unit);
    const float number_w = std::round(u * 2.4f);
    const float bottom = area.y + area.h - std::round(u * 1.2f);  // room for the page number

    std::vector<Page> pages;
    float y = 0;
    pages.push_back(start_page(item, ctx, y));
    const float first_y = y;
    int n = 0;
    const std::vector<bool> listed = listed_items(ctx);
    for (std::size_t i = 0; i < ctx.playlist.items.size(); ++i) {
        const auto& other = ctx.playlist.items[i];
        if (!listed[i] || other.id == item.id || other.type == playlist::ItemType::Index || other.headline.empty())
            continue;
        text::Style style;
        style.weight = text::Weight::Bold;
        style.line_height = 1.3f;
        const text::Fitted fitted = fit_headline(ctx, other.headline.value, style, area.w - number_w, 2, m.body_min,
                                                 static_cast<int>(std::lround(u * 1.6f)));
        if (y + fitted.block.height > bottom && y > first_y) pages.push_back(start_page(item, ctx, y));
        Scene& scene = pages.back().scene;
        text::Style num = style;
        num.size_px = fitted.size_px;
        put_text(scene, ctx, std::to_string(++n), {num, palette::masthead, "number"}, area.x, y, number_w);
        put_block(scene, ctx, fitted.block, area.x + number_w, y, palette::ink, "headline");
        y += fitted.block.height + std::round(u * 0.5f);
        hairline(scene, area.x + number_w, y, area.w - number_w, 1, palette::rule);
        y += std::round(u * 0.5f);
    }
    const int count = static_cast<int>(pages.size());
    for (int i = 0; i < count; ++i) {
        Page& page = pages[static_cast<std::size_t>(i)];
        page.number = i + 1;
        page.count = count;
        put_page_number(page.scene, ctx, page.number, count, {area.x, bottom, area.w, area.y + area.h - bottom},
                        palette::ink_soft);
    }
    return pages;
}

}  // namespace nb::render::templates

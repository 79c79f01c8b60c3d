// The full-screen picture: edge to edge, masthead and ticker laid over it.
#include <algorithm>

#include "render/compose.h"
#include "render/image.h"
#include "render/templates.h"

namespace nb::render::templates {
namespace {

// The picture is the page: its caption takes a few lines at most, and never more than this
// share of the picture's height (a 300-character caption took two fifths of a landscape one).
constexpr int kCaptionLines = 3;
constexpr float kCaptionShare = 0.2f;

}  // namespace

Result<std::vector<Page>> image(const playlist::Item& item, const SlideContext& ctx) {
    const Metrics& m = ctx.metrics;
    if (!item.image) return fail("no image");
    Page page = blank_page(item, m, palette::night);
    page.chrome = Chrome::Overlay;

    ImageRequest request;
    request.box_w = m.width;
    request.box_h = m.height;
    request.fit = item.fit == playlist::Fit::Contain ? Fit::Contain : Fit::Cover;
    request.max_texture = ctx.max_texture;
    auto picture = load_image(item.image->resolved, request, item.image->sha256);
    if (!picture) return fail(picture.error());
    // Decoded again if the page must be drawn again once it was let go (render/picture.h).
    const Picture::Decode again = [path = item.image->resolved, sha = item.image->sha256, request] {
        return load_image(path, request, sha);
    };
    const float w = static_cast<float>(m.width), h = static_cast<float>(m.height);
    if (request.fit == Fit::Contain) {
        put_cover(page.scene, blurred_backdrop(picture->get()), {0, 0, w, h});
        page.scene.fill({0, 0, w, h}, {0, 0, 0, 110});
        const FitRect r = fit_rect((*picture)->w, (*picture)->h, 0, 0, w, h, request.fit);
        page.scene.picture({r.x, r.y, r.w, r.h}, std::make_shared<Picture>(*picture, again));
    } else {
        put_cover(page.scene, *picture, {0, 0, w, h}, focus_of(item.focus), again);
    }
    if (!item.caption.empty() || !item.headline.empty()) {
        // A caption, if given, sits on a shade above the ticker so it stays readable.
        const float u = static_cast<float>(m.unit);
        const std::string& words = item.caption.empty() ? item.headline.value : item.caption.value;
        text::Style style;
        style.size_px = m.body_min;
        style.line_height = 1.45f;
        const float width = w - 2.f * m.margin;
        const text::Block whole = text::layout_paragraph(ctx.fonts, words, style, width);
        const float line_h = whole.lines.empty() ? 0.f : whole.lines.front().height;
        const float room = std::min(kCaptionLines * line_h, kCaptionShare * h);
        const int keep =
            text::lines_to_keep({{static_cast<int>(whole.lines.size()), line_h}}, whole.height - room).front();
        const text::Block block = text::layout_clamped(ctx.fonts, words, style, width, keep);
        const float bottom = h - static_cast<float>(m.ticker_bar);
        const float shade_h = block.height + 2 * u;
        page.scene.gradient({0, bottom - shade_h * 1.6f, w, shade_h * 1.6f}, {0, 0, 0, 0}, {0, 0, 0, 190});
        put_block(page.scene, ctx, block, static_cast<float>(m.margin), std::round(bottom - block.height - u),
                  palette::on_night, "caption");
    }
    return std::vector<Page>{std::move(page)};
}

}  // namespace nb::render::templates

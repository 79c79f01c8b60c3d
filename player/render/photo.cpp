// The photo feature: the picture large (cover-cropped, or contained over a soft blurred
// fill), with the headline, caption and credit beside it (landscape) or below it (upright),
// on a dark page so the picture carries the colour. A gallery's pages are the same page, one
// per picture.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <vector>

#include "render/compose.h"
#include "render/image.h"
#include "render/qr.h"
#include "render/templates.h"

namespace nb::render::templates {
namespace {

Fit to_fit(playlist::Fit f) { return f == playlist::Fit::Contain ? Fit::Contain : Fit::Cover; }

// Draws the picture into `box`, cropping (cover) or letterboxing over its own blur (contain).
// A covering picture of a gallery that may move becomes the page's drift.
Status put_picture(Page& page, const SlideContext& ctx, const playlist::Item& item, const Shot& shot,
                   const Rect& box) {
    Scene& scene = page.scene;
    const playlist::Media& media = *shot.image;
    ImageRequest request;
    request.box_w = static_cast<int>(box.w);
    request.box_h = static_cast<int>(box.h);
    request.fit = to_fit(item.fit);
    request.max_texture = ctx.max_texture;
    auto picture = load_image(media.resolved, request, media.sha256);
    if (!picture) return fail(picture.error());
    SurfacePtr image = *picture;
    // Decoded again if its page must be drawn again once it was let go (render/picture.h).
    const Picture::Decode again = [path = media.resolved, sha = media.sha256, request] {
        return load_image(path, request, sha);
    };
    if (request.fit == Fit::Cover) {
        const Focus focus = focus_of(shot.focus);
        SurfacePtr drawn = put_cover(scene, image, box, focus, again);
        if (drawn && shot.drift >= 0 && item.motion == playlist::Motion::Drift)
            page.drift = Drift{box, std::move(drawn), shot.focus ? focus : drift_toward(shot.drift)};
        return success();
    }
    put_cover(scene, blurred_backdrop(image.get()), box);
    scene.fill(box, {0, 0, 0, 110});  // darken the blur so the picture stands forward
    const FitRect r = fit_rect(image->w, image->h, box.x, box.y, box.w, box.h, request.fit);
    scene.picture({r.x, r.y, r.w, r.h}, std::make_shared<Picture>(std::move(image), again));
    return success();
}

// On a page with room to spare the headline and caption may be set larger than standard (by
// `grow`), the caption never so large that the headline stops standing clearly above it.
constexpr float kHeadlineOverCaption = 1.45f;
constexpr float kCaptionGrowth[] = {1.6f, 1.45f, 1.3f, 1.15f, 1.0f};
// Share of its panel a grown column may fill: the rest is the breathing room around it.
constexpr float kPanelFill = 0.8f;

// The texts of the column that may be cut when it is too tall for its page (a caption, a
// credit and a gallery's kicker may each have 500 characters: beside a landscape photo about
// 200 fill the column, and the rest would run under the ticker and off the screen). In the
// order text::lines_to_keep() takes them: the least needed last, the first cut.
struct Cuttable {
    int caption = kAllLines, kicker = kAllLines, credit = kAllLines;
};

// What put_caption_column() set: its height, and the lines of the texts that may be cut.
struct Column {
    float height = 0;
    text::Share caption, kicker, credit;
};

// The column at `grow`, each cuttable text cut to its lines in `keep` (with "…") if it has more.
Column put_caption_column(Scene& scene, const SlideContext& ctx, const playlist::Item& item, const Shot& shot,
                          float x, float y, float w, float grow, const Cuttable& keep) {
    const float u = static_cast<float>(ctx.metrics.unit);
    const float top = y;
    Column column;
    int caption_cap = 1 << 20;
    if (!item.kicker.empty()) {
        const SetText kicker = put_kicker(scene, ctx, item.kicker.value, x, y, w, palette::on_night, keep.kicker);
        column.kicker = kicker.share;
        y += kicker.height + std::round(u * 0.5f);
    }
    if (!item.headline.empty()) {
        text::Style style;
        style.weight = text::Weight::Bold;
        style.line_height = 1.24f;
        const text::Fitted fitted = fit_headline(ctx, item.headline.value, style, w, 3,
                                                   static_cast<int>(std::lround(u * 1.6f)),
                                                   static_cast<int>(std::lround(u * 2.6f * grow)));
        const text::Block block = held_to_lines(ctx, item.headline.value, fitted, style, w, 3);
        put_block(scene, ctx, block, x, y, palette::on_night, "headline");
        caption_cap = static_cast<int>(std::floor(static_cast<float>(fitted.size_px) / kHeadlineOverCaption));
        y += block.height + std::round(u * 0.5f);
        hairline(scene, x, y, std::round(u * 3), std::max(2.f, std::round(u * 0.1f)), palette::masthead);
        y += std::round(u * 0.8f);
    }
    if (!shot.caption.empty()) {
        text::Style style;
        const int standard = std::max(ctx.metrics.body_min, static_cast<int>(std::lround(u * 1.15f)));
        style.size_px = std::max(standard, std::min(caption_cap, static_cast<int>(std::lround(standard * grow))));
        style.line_height = 1.6f;
        style.align = text::Align::Justify;
        style.indent = text::Indent::TwoEm;
        const SetText caption =
            put_clamped(scene, ctx, shot.caption.value, {style, palette::on_night, "caption"}, x, y, w, keep.caption);
        column.caption = caption.share;
        y += caption.height + std::round(u * 0.6f);
    }
    if (!shot.credit.empty()) {
        text::Style style;
        style.size_px = static_cast<int>(std::lround(u * 0.9f));
        style.line_height = 1.4f;
        const SetText credit =
            put_clamped(scene, ctx, shot.credit.value, {style, palette::on_night_soft, "credit"}, x, y, w, keep.credit);
        column.credit = credit.share;
        y += credit.height;
    }
    if (!shot.counter.empty()) {
        text::Style style;
        style.size_px = static_cast<int>(std::lround(u * 0.9f));
        style.line_height = 1.4f;
        y += std::round(u * 0.4f);
        y += put_text(scene, ctx, shot.counter, {style, palette::on_night_soft, "counter"}, x, y, w);
    }
    column.height = y - top;
    return column;
}

// Sets the column (and, with `code_side`, the QR code under it) at the largest growth whose
// height fills no more than kPanelFill of `room`; the standard size when none does, with its
// long texts cut to the lines that `room` holds when it still does not fit.
float put_grown_column(Scene& out, const SlideContext& ctx, const playlist::Item& item, const Shot& shot, float x,
                       float y, float w, float room, float code_side, float code_gap) {
    const auto set = [&](float grow, const Cuttable& keep) {
        Scene column;
        Column c = put_caption_column(column, ctx, item, shot, x, y, w, grow, keep);
        if (code_side > 0)
            c.height += code_gap + put_code(column, ctx, item.link.url, kReadOnLabel, x, y + c.height + code_gap,
                                            code_side, palette::on_night);
        out = std::move(column);
        return c;
    };
    Column c;
    for (const float grow : kCaptionGrowth) {
        c = set(grow, {});
        if (c.height <= room * kPanelFill) break;
    }
    if (c.height > room) {
        const std::vector<int> keep = text::lines_to_keep({c.caption, c.kicker, c.credit}, c.height - room);
        c = set(kCaptionGrowth[std::size(kCaptionGrowth) - 1], {keep[0], keep[1], keep[2]});
    }
    return c.height;
}

}  // namespace

Focus focus_of(const std::optional<playlist::Focus>& f) {
    return f ? Focus{f->x, f->y} : Focus{};
}

Result<Page> photo_page(const playlist::Item& item, const SlideContext& ctx, const Shot& shot) {
    const Metrics& m = ctx.metrics;
    const Rect area = m.content();
    const float u = static_cast<float>(m.unit);
    Page page = blank_page(item, m, palette::night);
    const float side = item.link.empty() ? 0.f : code_side(m);
    const float code_gap = std::round(u * 1.0f);

    if (m.portrait()) {
        // Picture across the full width under the masthead, words below it; a QR code at
        // the right of the words.
        const float picture_h = std::round(area.h * 0.6f);
        const Rect box{0, static_cast<float>(m.top_bar), static_cast<float>(m.width), picture_h + area.y - m.top_bar};
        if (Status s = put_picture(page, ctx, item, shot, box); !s) return fail(s.error());
        // Words centred in the space left under the picture.
        const float top = box.y + box.h + std::round(u * 1.2f);
        const float words_w = side > 0 ? area.w - side - code_gap : area.w;
        Scene column;
        const float h = put_grown_column(column, ctx, item, shot, area.x, top, words_w, area.y + area.h - top, 0, 0);
        const float room = area.y + area.h - top;
        append_shifted(page.scene, std::move(column), 0, std::round(std::max(0.f, (room - h) / 2)));
        if (side > 0) {
            const float code_h = code_height(ctx, item.link.url, kReadOnLabel, side);
            put_code(page.scene, ctx, item.link.url, kReadOnLabel, area.x + area.w - side,
                     top + std::round(std::max(0.f, (room - code_h) / 2)), side, palette::on_night);
        }
    } else {
        // Picture bleeds to the left edge and between the bands; words in the right third,
        // the QR code under them.
        const float text_w = std::round(area.w * 0.33f);
        const Rect box{0, static_cast<float>(m.top_bar), static_cast<float>(m.width) - text_w - m.margin * 2.f,
                       static_cast<float>(m.height - m.top_bar - m.ticker_bar)};
        if (Status s = put_picture(page, ctx, item, shot, box); !s) return fail(s.error());
        const float x = box.x + box.w + static_cast<float>(m.margin);
        // Set the column at the top, then move it to the middle beside the picture.
        Scene column;
        const float h = put_grown_column(column, ctx, item, shot, x, area.y, text_w, area.h, std::min(side, text_w),
                                         code_gap);
        append_shifted(page.scene, std::move(column), 0, std::round(std::max(0.f, (area.h - h) / 2)));
    }
    return page;
}

Result<std::vector<Page>> photo(const playlist::Item& item, const SlideContext& ctx) {
    if (!item.image) return fail("no image");
    auto page = photo_page(item, ctx, {&*item.image, item.caption, item.credit, {}, item.focus});
    if (!page) return fail(page.error());
    return std::vector<Page>{std::move(*page)};
}

}  // namespace nb::render::templates

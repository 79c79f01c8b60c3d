#include "preview.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>

#include "core/file.h"
#include "playlist/schedule.h"
#include "render/offscreen.h"
#include "render/sheet_maker.h"
#include "session.h"

namespace nb::desk {

struct Previewer::Prepared {
    std::shared_ptr<const playlist::Playlist> playlist;  // the scenes point into it
    std::string sha256;
    PreviewSpec spec;
    std::vector<render::Page> pages;
    std::vector<PreviewSkip> skipped;
    render::Scene solid, overlay;
};

Result<PreviewSpec> parse_preview_spec(const std::string& size, const std::string& rotate, const std::string& at,
                                       TimePoint now) {
    PreviewSpec spec;
    if (!size.empty()) {
        auto x = size.find('x');
        auto digits = [](const std::string& s) {
            return !s.empty() && s.size() <= 5 && s.find_first_not_of("0123456789") == std::string::npos;
        };
        std::string w = x == std::string::npos ? "" : size.substr(0, x), h = x == std::string::npos ? "" : size.substr(x + 1);
        if (!digits(w) || !digits(h)) return fail("size: expected WxH, e.g. 1080x1920");
        spec.width = std::stoi(w);
        spec.height = std::stoi(h);
        if (spec.width < 64 || spec.height < 64 || spec.width > kMaxPreviewSide || spec.height > kMaxPreviewSide) {
            return fail("size: each side from 64 to " + std::to_string(kMaxPreviewSide) + " pixels");
        }
    }
    if (!rotate.empty()) {
        if (rotate != "0" && rotate != "90" && rotate != "180" && rotate != "270") return fail("rotate: 0, 90, 180 or 270");
        spec.rotate_deg = std::stoi(rotate);
    }
    if (at.empty()) {
        spec.at = std::chrono::floor<std::chrono::minutes>(now);
    } else {
        auto t = parse_timestamp(at);
        if (!t) return fail("at: " + t.error());
        spec.at = *t;
    }
    return spec;
}

Result<std::unique_ptr<Previewer>> Previewer::create(std::string tmp_dir) {
    auto fonts = text::FontCascade::create(text::SystemFallback::Use);
    if (!fonts) return fail(fonts.error());
    return std::unique_ptr<Previewer>(new Previewer(std::move(fonts.value()), std::move(tmp_dir)));
}

Previewer::Previewer(text::FontCascade fonts, std::string tmp_dir) : fonts_(std::move(fonts)), tmp_dir_(std::move(tmp_dir)) {}

std::shared_ptr<Previewer::Prepared> Previewer::prepare(const std::shared_ptr<const playlist::Playlist>& p,
                                                        const PreviewSpec& spec) {
    last_used_ = std::chrono::steady_clock::now();
    if (last_ && last_->sha256 == p->sha256 && last_->spec.width == spec.width && last_->spec.height == spec.height &&
        last_->spec.at == spec.at) {
        return last_;
    }
    last_.reset();  // its pictures' memory goes before the next one's comes
    auto out = std::make_shared<Prepared>();
    out->playlist = p;
    out->sha256 = p->sha256;
    out->spec = spec;
    const render::SlideContext ctx{fonts_, glyphs_, *p, render::Metrics::for_screen(spec.width, spec.height),
                                   render::kMaxTextureSoftware};
    out->solid = render::chrome_scene(ctx, spec.at, render::Chrome::Solid);
    out->overlay = render::chrome_scene(ctx, spec.at, render::Chrome::Overlay);
    for (const auto& s : p->skipped) out->skipped.push_back({s.item, s.reason});
    for (std::size_t index : playlist::eligible_items(*p, spec.at)) {
        const playlist::Item& item = p->items[index];
        auto pages = render::prepare_item(item, ctx);
        if (!pages) {
            out->skipped.push_back({item.id, pages.error()});
            continue;
        }
        for (auto& page : *pages) out->pages.push_back(std::move(page));
    }
    last_ = out;
    return out;
}

void Previewer::release_if_idle(std::chrono::seconds idle) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!last_ || std::chrono::steady_clock::now() - last_used_ < idle) return;
    last_.reset();
    ::malloc_trim(0);
}

Result<render::SurfacePtr> Previewer::draw(const Prepared& prepared, std::size_t index, const PreviewSpec& spec) {
    const render::Page& page = prepared.pages[index];
    const render::Scene& chrome = page.chrome == render::Chrome::Overlay ? prepared.overlay : prepared.solid;
    return render::draw_offscreen({&page.scene, &chrome}, spec.width, spec.height, spec.rotate_deg);
}

Result<std::string> Previewer::png_bytes(const SDL_Surface* picture) {
    const std::string path = tmp_dir_ + "/preview." + random_token().substr(0, 16) + ".png";
    if (auto s = render::save_png(picture, path); !s) return fail(s.error());
    auto bytes = file::read(path, 1ull << 30);
    ::unlink(path.c_str());
    if (!bytes) return fail(bytes.error());
    return std::move(bytes.value());
}

Previewer::Listing Previewer::pages(const std::shared_ptr<const playlist::Playlist>& p, const PreviewSpec& spec) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto prepared = prepare(p, spec);
    Listing out;
    for (const auto& page : prepared->pages) out.pages.push_back({page.item_id, page.number, page.count, page.duration_s});
    out.skipped = prepared->skipped;
    return out;
}

Result<std::string> Previewer::page_png(const std::shared_ptr<const playlist::Playlist>& p, const PreviewSpec& spec,
                                        int number) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto prepared = prepare(p, spec);
    if (prepared->pages.empty()) return fail("nothing is shown at this time");
    if (number < 1 || static_cast<std::size_t>(number) > prepared->pages.size()) {
        return fail("there are " + std::to_string(prepared->pages.size()) + " pages");
    }
    auto picture = draw(*prepared, static_cast<std::size_t>(number - 1), spec);
    if (!picture) return fail(picture.error());
    return png_bytes(picture->get());
}

Result<std::string> Previewer::sheet_png(const std::shared_ptr<const playlist::Playlist>& p, const PreviewSpec& spec) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto prepared = prepare(p, spec);
    if (prepared->pages.empty()) return fail("nothing is shown at this time");
    // The sheet `newsboard render` makes as sheet.png.
    render::SheetMaker sheet(spec.width, spec.height, spec.rotate_deg);
    // The pages the sheet shows, no more: each is drawn to make its thumbnail.
    for (std::size_t i = 0; i < prepared->pages.size() && sheet.wants_more(); ++i) {
        auto picture = draw(*prepared, i, spec);
        if (!picture) return fail(picture.error());
        sheet.add(picture->get(), prepared->pages[i]);
    }
    auto picture = sheet.draw(fonts_, glyphs_, *p, spec.at, prepared->pages.size());
    if (!picture) return fail(picture.error());
    return png_bytes(picture->get());
}

}  // namespace nb::desk

// `newsboard render SOURCE -o DIR`: every page of every slide shown at --at as DIR/NNN.png,
// plus layout.json and sheet.png. Headless: SDL's software renderer on a surface.
#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "app/commands.h"
#include "app/layout_json.h"
#include "app/source.h"
#include "core/file.h"
#include "core/ids.h"
#include "playlist/parse.h"
#include "playlist/schedule.h"
#include "render/glyph_cache.h"
#include "render/offscreen.h"
#include "render/sheet_maker.h"
#include "render/slide.h"
#include "sync/freshness.h"

namespace nb::app {
namespace {

Status make_dirs(const std::string& path) {
    std::string partial;
    for (std::size_t i = 0; i <= path.size(); ++i) {
        if (i == path.size() || path[i] == '/') {
            if (!partial.empty() && ::mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST)
                return fail("cannot create " + partial + ": " + std::strerror(errno));
        }
        if (i < path.size()) partial += path[i];
    }
    return success();
}

// "001.png", "1234.png": three or more digits and .png, as render names its pages.
bool is_page_file(const std::string& name) {
    const auto dot = name.size() >= 4 ? name.size() - 4 : 0;
    if (dot < 3 || name.compare(dot, 4, ".png") != 0) return false;
    return std::all_of(name.begin(), name.begin() + static_cast<std::ptrdiff_t>(dot),
                       [](char c) { return c >= '0' && c <= '9'; });
}

// Pages from an earlier, longer render would otherwise sit beside the new ones, and its
// contact sheet beside a render that shows nothing (and so makes none).
void remove_old_pages(const std::string& dir) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return;
    std::vector<std::string> old;
    while (dirent* e = ::readdir(d))
        if (is_page_file(e->d_name) || std::strcmp(e->d_name, "sheet.png") == 0)
            old.push_back(file::join(dir, e->d_name));
    ::closedir(d);
    for (const auto& f : old) std::remove(f.c_str());
}

std::string page_file(std::size_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%03zu.png", n);
    return buf;
}

// The box the page's own text covers (a QR code's line under it included; the page number
// and a gallery's counter aside): what "fills the board" is
// measured by.
render::Rect text_block(const render::Scene& scene) {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool any = false;
    for (const render::TextRecord& t : scene.text) {
        if (t.role == "page" || t.role == "counter" || t.text.empty()) continue;
        x0 = any ? std::min(x0, t.box.x) : t.box.x;
        y0 = any ? std::min(y0, t.box.y) : t.box.y;
        x1 = any ? std::max(x1, t.box.x + t.box.w) : t.box.x + t.box.w;
        y1 = any ? std::max(y1, t.box.y + t.box.h) : t.box.y + t.box.h;
        any = true;
    }
    return {x0, y0, x1 - x0, y1 - y0};
}

}  // namespace

int render_command(const Options& o) {
    TimePoint at = now();
    if (o.at) {
        auto parsed = parse_timestamp(*o.at);
        if (!parsed) {
            std::fprintf(stderr, "newsboard: error: --at: %s\n", parsed.error().c_str());
            return kUsage;
        }
        at = *parsed;
    }

    Diagnostics diags;
    // A file, or a URL fetched like a board does at `at`: its sync refuses an edition past its
    // "expires" then. A file's edition is held to the same rule here, so both show what a board
    // shows at `at`: past "expires", its standby screen, so no page.
    LoadedSource source = load_source(o, diags, at);
    if (source.playlist)
        if (auto why = sync::expired(o.source, source.playlist->expires, at)) {
            const std::string where = ids::hide_credentials(o.source);
            diags.error({where, 0, 0}, without_source(where, ids::hide_credentials(*why)));
            source.playlist.reset();
            source.exit_code = kInvalidContent;
        }
    diags.print();
    if (!source.playlist) return source.exit_code;
    auto& playlist = source.playlist;

    auto fonts = text::FontCascade::create(text::SystemFallback::Use);
    if (!fonts) {
        std::fprintf(stderr, "newsboard: error: %s\n", fonts.error().c_str());
        return kRuntime;
    }
    if (IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP) == 0)
        std::fprintf(stderr, "newsboard: warning: SDL_image: %s\n", IMG_GetError());
    if (Status s = make_dirs(o.out_dir); !s) {
        std::fprintf(stderr, "newsboard: error: %s\n", s.error().c_str());
        return kRuntime;
    }
    remove_old_pages(o.out_dir);

    render::GlyphCache glyphs;
    const render::SlideContext ctx{*fonts, glyphs, *playlist, render::Metrics::for_screen(o.width, o.height),
                                   render::kMaxTextureSoftware, at};
    const render::Scene solid = render::chrome_scene(ctx, at, render::Chrome::Solid);
    const render::Scene overlay = render::chrome_scene(ctx, at, render::Chrome::Overlay);

    LayoutReport report;
    report.playlist_id = playlist->id;
    report.playlist_sha256 = playlist->sha256;
    report.width = o.width;
    report.height = o.height;
    report.rotate_deg = o.rotate_deg;
    report.at = format_timestamp_utc(at);

    render::SheetMaker sheet(o.width, o.height, o.rotate_deg);
    // Items the parser left out are reported above; the rest still render, but the exit
    // code says the content is not all valid.
    int status = diags.has_errors() ? kInvalidContent : kOk;
    for (const auto& s : playlist->skipped) report.skipped.push_back({s.item, s.reason});

    for (std::size_t index : playlist::eligible_items(*playlist, at)) {
        const playlist::Item& item = playlist->items[index];
        auto pages = render::prepare_item(item, ctx);
        if (!pages) {
            // A broken item is reported and skipped; the others still render.
            const std::string why = naming_media_as_written(item, pages.error());
            Diagnostics one;
            one.error(item.where, "item \"" + item.id + "\" cannot be shown and is skipped: " + why);
            one.print();
            report.skipped.push_back({item.id, why});
            status = kInvalidContent;
            continue;
        }
        for (render::Page& page : *pages) {
            const render::Scene& chrome = page.chrome == render::Chrome::Overlay ? overlay : solid;
            auto picture = render::draw_offscreen({&page.scene, &chrome}, o.width, o.height, o.rotate_deg);
            if (!picture) {
                std::fprintf(stderr, "newsboard: error: %s\n", picture.error().c_str());
                return kRuntime;
            }
            const std::string name = page_file(report.pages.size() + 1);
            if (Status s = render::save_png(picture->get(), file::join(o.out_dir, name)); !s) {
                std::fprintf(stderr, "newsboard: error: %s\n", s.error().c_str());
                return kRuntime;
            }
            RenderedPage rp{name, page.item_id, page.number, page.count, page.duration_s, page.scene.text,
                            ctx.metrics.content(), text_block(page.scene), page.scene.codes};
            rp.lines.insert(rp.lines.end(), chrome.text.begin(), chrome.text.end());
            report.pages.push_back(std::move(rp));
            sheet.add(picture->get(), page);
        }
    }

    if (Status s = file::write_atomic(file::join(o.out_dir, "layout.json"), to_json(report)); !s) {
        std::fprintf(stderr, "newsboard: error: %s\n", s.error().c_str());
        return kRuntime;
    }
    if (!sheet.empty()) {
        auto picture = sheet.draw(*fonts, glyphs, *playlist, at, report.pages.size());
        // Part of the render's output as its pages are: a sheet that cannot be made or written
        // is a runtime failure too.
        Status saved = picture ? render::save_png(picture->get(), file::join(o.out_dir, "sheet.png"))
                               : Status(fail("contact sheet: " + picture.error()));
        if (!saved) {
            std::fprintf(stderr, "newsboard: error: %s\n", saved.error().c_str());
            return kRuntime;
        }
    } else {
        std::fprintf(stderr, "%s: warning: no item is shown at %s\n", ids::hide_credentials(o.source).c_str(),
                     report.at.c_str());
    }
    std::fprintf(stderr, "newsboard: rendered %zu pages of %s to %s\n", report.pages.size(), playlist->id.c_str(),
                 o.out_dir.c_str());
    IMG_Quit();
    return status;
}

}  // namespace nb::app

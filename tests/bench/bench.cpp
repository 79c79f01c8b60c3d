// Prints figures, asserts nothing: the time to lay out a 3,000-character article, to prepare
// and draw each demo slide with the software renderer, and one crossfade frame (SDL's blend
// against the player's own, render/pixel_rows.h). Run by tests/bench/run.sh.
#include <SDL_image.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "playlist/parse.h"
#include "render/glyph_cache.h"
#include "render/offscreen.h"
#include "render/pixel_rows.h"
#include "render/slide.h"
#include "text/layout.h"

using namespace nb;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Stats {
    double median, best, worst;
};

template <class F>
Stats repeat(int n, F&& f) {
    std::vector<double> times;
    for (int i = 0; i < n; ++i) {
        const auto t0 = Clock::now();
        f();
        times.push_back(ms_since(t0));
    }
    std::sort(times.begin(), times.end());
    return {times[times.size() / 2], times.front(), times.back()};
}

// One crossfade frame and one page copy at w×h, the software renderer's way and the player's
// (render/pixel_rows.h): an opaque RGB888 page over an RGB888 frame, as under Xvfb.
void crossfade_frames(int w, int h) {
    render::SurfacePtr frame = render::adopt(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888));
    render::RendererPtr r(frame ? SDL_CreateSoftwareRenderer(frame.get()) : nullptr);
    render::TexturePtr page(r ? SDL_CreateTexture(r.get(), SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING, w, h)
                              : nullptr);
    render::SurfacePtr pixels = render::adopt(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888));
    if (!page || !pixels) return;
    std::vector<std::uint32_t> colours(static_cast<std::size_t>(w));
    for (int x = 0; x < w; ++x) colours[static_cast<std::size_t>(x)] = 0x102030u * static_cast<std::uint32_t>(x % 7);
    SDL_UpdateTexture(page.get(), nullptr, colours.data(), 0);  // pitch 0: every row the same
    int k = 0;
    const Stats sdl_blend = repeat(40, [&] {
        SDL_SetTextureBlendMode(page.get(), SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(page.get(), static_cast<std::uint8_t>(20 + k++ % 200));
        SDL_RenderCopy(r.get(), page.get(), nullptr, nullptr);
        SDL_RenderFlush(r.get());
    });
    const Stats sdl_copy = repeat(40, [&] {
        SDL_SetTextureBlendMode(page.get(), SDL_BLENDMODE_NONE);
        SDL_RenderCopy(r.get(), page.get(), nullptr, nullptr);
        SDL_RenderFlush(r.get());
    });
    const render::PixelRows to{static_cast<std::uint8_t*>(frame->pixels), frame->pitch, w, h};
    const render::ConstPixelRows from{static_cast<const std::uint8_t*>(pixels->pixels), pixels->pitch, w, h};
    const Stats own_blend = repeat(40, [&] { render::blend_over(to, from, static_cast<std::uint8_t>(20 + k++ % 200)); });
    const Stats own_copy = repeat(40, [&] { render::copy_opaque(to, from); });
    std::printf("crossfade frame at %dx%d (median of 40): SDL's software blend %.2f ms, the player's %.2f ms; "
                "page copy: SDL's %.2f ms, the player's %.2f ms\n",
                w, h, sdl_blend.median, own_blend.median, sdl_copy.median, own_copy.median);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string demo = argc > 1 ? argv[1] : "playlists/jining-gaoxin-p03.json";
    const int w = argc > 2 ? std::atoi(argv[2]) : 1920, h = argc > 3 ? std::atoi(argv[3]) : 1080;
    Diagnostics diags;
    auto playlist = playlist::load(demo, playlist::MediaCheck::Full, diags);
    if (!playlist) {
        diags.print();
        return 1;
    }
    auto fonts = text::FontCascade::create(text::SystemFallback::Use);
    if (!fonts) {
        std::fprintf(stderr, "%s\n", fonts.error().c_str());
        return 1;
    }
    IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG);

    // A 3,000-character article: the demo's first body, repeated and cut at 3,000 code points.
    std::u32string text;
    const auto& body = playlist->items.front().body;
    while (text.size() < 3000)
        for (const auto& p : body) text += utf8::decode(p.value);
    text.resize(3000);
    const std::string article = utf8::encode(text);
    text::Style style;
    style.size_px = 36;
    style.line_height = 1.62f;
    style.align = text::Align::Justify;
    style.indent = text::Indent::TwoEm;
    std::size_t lines = 0;
    const Stats cold = repeat(1, [&] { lines = text::layout_paragraph(*fonts, article, style, 840).lines.size(); });
    const Stats warm = repeat(20, [&] { lines = text::layout_paragraph(*fonts, article, style, 840).lines.size(); });
    std::printf("layout, 3000 characters at 36 px into 840 px (%zu lines): first %.2f ms, then median %.2f ms "
                "(best %.2f, worst %.2f) over 20 runs\n",
                lines, cold.median, warm.median, warm.best, warm.worst);

    std::printf("\n%-10s %6s %14s %14s %14s\n", "slide", "pages", "prepare ms", "draw ms/page", "total ms");
    render::GlyphCache glyphs;
    const render::SlideContext ctx{*fonts, glyphs, *playlist, render::Metrics::for_screen(w, h),
                                   render::kMaxTextureSoftware};
    const render::Scene chrome = render::chrome_scene(ctx, TimePoint(Seconds(1554685200)), render::Chrome::Solid);
    for (const auto& item : playlist->items) {
        std::vector<render::Page> pages;
        const Stats prep = repeat(5, [&] {
            auto p = render::prepare_item(item, ctx);
            if (p) pages = std::move(*p);
        });
        const Stats draw = repeat(5, [&] {
            for (const auto& page : pages) (void)render::draw_offscreen({&page.scene, &chrome}, w, h, 0);
        });
        const double per_page = pages.empty() ? 0 : draw.median / static_cast<double>(pages.size());
        std::printf("%-10s %6zu %14.1f %14.1f %14.1f\n", item.id.c_str(), pages.size(), prep.median, per_page,
                    prep.median + draw.median);
    }
    std::printf("(%dx%d, software renderer, median of 5; prepare = layout + glyphs + picture decode)\n", w, h);
    std::printf("\n");
    crossfade_frames(w, h);
    return 0;
}

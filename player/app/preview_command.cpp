// `newsboard preview SOURCE`: the playlist in a desktop window, letterboxed to the board's
// logical --size, with the keys an editor expects. This is the first, simple preview: it
// prepares every page up front and redraws only when something changes, so a standing page
// costs no CPU (SDL_WaitEventTimeout sleeps until the next key or page deadline).
#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/commands.h"
#include "playlist/parse.h"
#include "playlist/schedule.h"
#include "render/glyph_cache.h"
#include "render/slide.h"

namespace nb::app {
namespace {

struct WindowDeleter {
    void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};

// Owns SDL's video subsystem for the lifetime of the preview.
class SdlVideo {
public:
    SdlVideo() : ok_(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {}
    ~SdlVideo() {
        if (ok_) SDL_QuitSubSystem(SDL_INIT_VIDEO);
    }
    SdlVideo(const SdlVideo&) = delete;
    SdlVideo& operator=(const SdlVideo&) = delete;
    bool ok() const { return ok_; }

private:
    bool ok_;
};

struct Deck {
    std::optional<playlist::Playlist> playlist;
    std::vector<render::Page> pages;
};

Deck prepare(const Options& o, const text::FontCascade& fonts, render::GlyphCache& glyphs, int max_texture) {
    Deck deck;
    Diagnostics diags;
    deck.playlist = playlist::load(o.source, playlist::MediaCheck::Full, diags);
    diags.print();
    if (!deck.playlist) return deck;
    const render::SlideContext ctx{fonts, glyphs, *deck.playlist, render::Metrics::for_screen(o.width, o.height),
                                   max_texture};
    for (std::size_t index : playlist::eligible_items(*deck.playlist, now())) {
        auto pages = render::prepare_item(deck.playlist->items[index], ctx);
        if (!pages) {
            std::fprintf(stderr, "%s: error: %s: %s\n", o.source.c_str(), deck.playlist->items[index].id.c_str(),
                         pages.error().c_str());
            continue;
        }
        for (auto& p : *pages) deck.pages.push_back(std::move(p));
    }
    return deck;
}

SDL_Rect letterbox(SDL_Renderer* r, int w, int h) {
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(r, &ow, &oh);
    const double s = std::min(static_cast<double>(ow) / w, static_cast<double>(oh) / h);
    const int vw = static_cast<int>(w * s), vh = static_cast<int>(h * s);
    return {(ow - vw) / 2, (oh - vh) / 2, vw, vh};
}

}  // namespace

int preview_command(const Options& o) {
    SdlVideo video;
    if (!video.ok()) {
        std::fprintf(stderr, "newsboard: error: no display: %s\n", SDL_GetError());
        return kRuntime;
    }
    auto fonts = text::FontCascade::create(text::SystemFallback::Use);
    if (!fonts) {
        std::fprintf(stderr, "newsboard: error: %s\n", fonts.error().c_str());
        return kRuntime;
    }
    IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP);
    const double fit = std::min(1.0, std::min(1600.0 / o.width, 900.0 / o.height));
    std::unique_ptr<SDL_Window, WindowDeleter> window(
        SDL_CreateWindow("Newsboard preview", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                         static_cast<int>(o.width * fit), static_cast<int>(o.height * fit),
                         SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI));
    if (!window) {
        std::fprintf(stderr, "newsboard: error: cannot open a window: %s\n", SDL_GetError());
        return kRuntime;
    }
    render::RendererPtr renderer(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_PRESENTVSYNC));
    if (!renderer) {
        std::fprintf(stderr, "newsboard: error: no renderer: %s\n", SDL_GetError());
        return kRuntime;
    }
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(renderer.get(), &info);
    const int max_texture = info.max_texture_width > 0 ? info.max_texture_width : 4096;

    render::GlyphCache glyphs;
    Deck deck = prepare(o, *fonts, glyphs, max_texture);
    if (!deck.playlist) return kInvalidContent;

    using Clock = std::chrono::steady_clock;
    std::size_t current = 0;
    bool paused = false;
    bool dirty = true;
    auto shown_at = Clock::now();
    for (;;) {
        if (dirty) {
            SDL_SetRenderDrawColor(renderer.get(), 0, 0, 0, 255);
            SDL_RenderClear(renderer.get());
            const SDL_Rect vp = letterbox(renderer.get(), o.width, o.height);
            const render::SlideContext ctx{*fonts, glyphs, *deck.playlist,
                                           render::Metrics::for_screen(o.width, o.height), max_texture};
            if (!deck.pages.empty()) {
                const render::Page& page = deck.pages[current];
                render::draw(renderer.get(), page.scene, vp);
                render::draw(renderer.get(), render::chrome_scene(ctx, now(), page.chrome), vp);
                const std::string title = "Newsboard preview — " + page.item_id + " " + std::to_string(page.number) +
                                          "/" + std::to_string(page.count) + (paused ? " (paused)" : "");
                SDL_SetWindowTitle(window.get(), title.c_str());
            }
            SDL_RenderPresent(renderer.get());
            dirty = false;
        }
        int wait_ms = 60'000;
        if (!paused && !deck.pages.empty()) {
            const auto due = shown_at + std::chrono::seconds(deck.pages[current].duration_s);
            wait_ms = static_cast<int>(std::clamp<long long>(
                std::chrono::duration_cast<std::chrono::milliseconds>(due - Clock::now()).count(), 0, 60'000));
        }
        SDL_Event e;
        if (!SDL_WaitEventTimeout(&e, wait_ms)) {
            if (!paused && !deck.pages.empty()) current = (current + 1) % deck.pages.size();
            shown_at = Clock::now();
            dirty = true;  // next page, or the clock's minute
            continue;
        }
        const std::size_t n = std::max<std::size_t>(1, deck.pages.size());
        switch (e.type) {
            case SDL_QUIT: return kOk;
            case SDL_WINDOWEVENT: dirty = true; break;
            case SDL_KEYDOWN:
                switch (e.key.keysym.sym) {
                    case SDLK_q:
                    case SDLK_ESCAPE: return kOk;
                    case SDLK_RIGHT: current = (current + 1) % n; break;
                    case SDLK_LEFT: current = (current + n - 1) % n; break;
                    case SDLK_SPACE: paused = !paused; break;
                    case SDLK_f: {
                        const bool full = SDL_GetWindowFlags(window.get()) & SDL_WINDOW_FULLSCREEN_DESKTOP;
                        SDL_SetWindowFullscreen(window.get(), full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
                        break;
                    }
                    case SDLK_r: {
                        Deck fresh = prepare(o, *fonts, glyphs, max_texture);
                        if (fresh.playlist) deck = std::move(fresh);  // keep the last good one otherwise
                        current = std::min(current, deck.pages.empty() ? 0 : deck.pages.size() - 1);
                        break;
                    }
                    default: break;
                }
                shown_at = Clock::now();
                dirty = true;
                break;
            default: break;
        }
    }
}

}  // namespace nb::app

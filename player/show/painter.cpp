#include "show/painter.h"

#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/startup_log.h"
#include "render/pacing.h"
#include "render/texture_pixels.h"
#include "show/loop.h"

namespace nb::show {

using std::chrono::milliseconds;

namespace {

std::FILE* frame_log_file() {
    const char* path = std::getenv("NEWSBOARD_FRAME_LOG");
    return path ? std::fopen(path, "w") : nullptr;
}

}  // namespace

Painter::Painter(platform::Display& display, const text::FontCascade& fonts, render::GlyphCache& glyphs,
                 const Director& director, ScheduleClock& schedule, const LoopConfig& config, std::string source_name)
    : display_(display),
      fonts_(fonts),
      glyphs_(glyphs),
      director_(director),
      schedule_(schedule),
      config_(config),
      source_name_(std::move(source_name)),
      metrics_(render::Metrics::for_screen(config.width, config.height)),
      started_(config.clock()),
      frame_log_(frame_log_file()),
      // On SDL's software renderer the pages are pixels the crossfade blends itself.
      pages_(display.keeps_frames() ? PageTextures::Backing::Pixels : PageTextures::Backing::RenderTarget) {}

render::SlideContext Painter::context() const {
    const auto& p = director_.playlist();
    return render::SlideContext{fonts_, glyphs_, p ? *p : empty_, metrics_, display_.max_texture(), schedule_.now()};
}

void Painter::catch_up() {
    if (director_.generation() == generation_) return;
    generation_ = director_.generation();
    dirty_ = true;
    if (config_.pixels == Pixels::Skipped) return;  // no ticker strip to make
    ticker_ = render::ticker_strip(context());
    ticker_lines_ = render::ticker_lines(*director_.playlist(), schedule_.now());
}

bool Painter::moving() const {
    if (config_.pixels == Pixels::Skipped) return false;  // the loop wakes for a transition's end
    // Until the director ends the transition: its last frame shows the new page alone.
    return director_.transitioning() || (ticker_ && (director_.on() || director_.standby())) || drifting();
}

// The page on screen's picture when it pans and zooms now: a gallery's, on a GPU, between
// transitions (which show the page as prepared, where the move starts and ends).
const render::Drift* Painter::drifting() const {
    const auto& on = director_.on();
    if (!on || director_.leaving() || director_.paused() || !on->current().drift || config_.motion == Motion::Still)
        return nullptr;
    return motion_for(display_.renderer()) == Motion::Drift ? &*on->current().drift : nullptr;
}

// 0 … 1 from the end of the transition in to the start of the one out.
float Painter::drift_progress(Clock::time_point now) const {
    const auto& on = director_.on();
    const auto span = std::chrono::seconds(on->current().duration_s) - config_.transition;
    if (span.count() <= 0) return 0;
    return std::clamp(
        std::chrono::duration<float>(now - on->since - config_.transition) / std::chrono::duration<float>(span), 0.f,
        1.f);
}

std::optional<Painter::Clock::time_point> Painter::overlay_tick(Clock::time_point now) const {
    if (!overlay_) return std::nullopt;
    return now + milliseconds(1000) - std::chrono::duration_cast<milliseconds>(now - started_) % 1000;
}

std::vector<std::string> Painter::overlay_lines(Clock::time_point now) const {
    std::vector<std::string> lines;
    if (const auto& on = director_.on()) {
        const auto left = std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::seconds(on->current().duration_s) - (now - on->since));
        lines.push_back(on->id + "  " + std::to_string(on->page + 1) + "/" + std::to_string(on->pages->size()));
        lines.push_back(director_.paused() ? "已暂停"
                                           : "还剩 " + std::to_string(std::max<long long>(0, left.count())) + " 秒");
    } else {
        lines.push_back("待机");
    }
    if (director_.last_error()) lines.push_back(*director_.last_error());
    const auto& warnings = director_.warnings();
    for (std::size_t i = 0; i < warnings.size() && i < 6; ++i) lines.push_back(warnings[i]);
    return lines;
}

bool Painter::draw(Clock::time_point now, bool force) {
    if (config_.pixels == Pixels::Skipped) return skip_frame(force);
    const auto& on = director_.on();
    const auto& leaving = director_.leaving();
    const bool standby = director_.standby();
    const TimePoint wall = config_.wall_clock();
    const long long minute = std::chrono::duration_cast<std::chrono::minutes>(wall.time_since_epoch()).count();
    const render::Chrome kind = on ? on->current().chrome : render::Chrome::Solid;
    const auto standby_info = [&] {
        return render::StandbyInfo{config_.board_id, source_name_,
                                   director_.playlist() ? "现在没有安排播放的内容" : "尚无可用的播放列表"};
    };
    // What asks for the whole frame (a decision, an event), and whether only the chrome changed
    // (its clock's minute): drawn over the kept frame, an opaque chrome is all a frame needs.
    bool redraw = dirty_, new_chrome = false;
    if (minute != chrome_minute_ || generation_ != chrome_for_) {
        new_chrome = true;
        const auto ctx = context();
        chromes_.clear();
        // The headlines in the crawl are those eligible now: an embargo that lifts adds one.
        if (director_.playlist()) {
            auto lines = render::ticker_lines(*director_.playlist(), schedule_.now());
            if (lines != ticker_lines_) {
                ticker_lines_ = std::move(lines);
                ticker_ = render::ticker_strip(ctx);
                redraw = true;
            }
        }
        if (standby) standby_scene_ = render::standby_scene(ctx, wall, standby_info());
        chrome_minute_ = minute;
        chrome_for_ = generation_;
        dirty_ = true;
    }
    if (kind != chrome_kind_) {
        chrome_kind_ = kind;
        dirty_ = redraw = true;
    }
    const int second = static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(now - started_).count());
    if (overlay_ && second != overlay_second_) {
        overlay_second_ = second;
        dirty_ = redraw = true;
    }
    if (force || again_ == Again::Present) dirty_ = true;
    again_ = Again::No;
    if (!dirty_ && !moving()) return false;
    if (standby && standby_scene_.ops.empty()) standby_scene_ = render::standby_scene(context(), wall, standby_info());
    if (!on && !standby) return false;  // the first slide is still being prepared

    Frame frame;
    frame.to = on ? &on->current().scene : &standby_scene_;
    if (leaving) {
        frame.from = &leaving->current().scene;
        frame.transition = director_.transition();
        frame.progress = std::chrono::duration<float>(now - director_.transition_start()) /
                         std::chrono::duration<float>(config_.transition);
    }
    frame.chrome = &chrome(kind);
    frame.ticker = ticker_ ? &*ticker_ : nullptr;
    // A calm crawl: a tenth of the screen's shorter side a second.
    const float speed = static_cast<float>(std::min(config_.width, config_.height)) * 0.1f;
    frame.ticker_offset = std::chrono::duration<float>(now - started_).count() * speed;
    if (overlay_) {
        // Remade when something changed (at least each second), not each frame of a crawl.
        if (dirty_ || overlay_scene_.ops.empty()) overlay_scene_ = render::overlay_scene(context(), overlay_lines(now));
        frame.overlay = &overlay_scene_;
    }
    const auto draw_start = config_.clock();
    const SDL_Rect vp = display_.viewport();
    SDL_Renderer* r = display_.renderer();
    viewport_ = vp;
    // The page textures this frame copies, made (when they are not yet) before it starts: a
    // frame that begins with an opaque page over the whole board clears nothing first.
    const render::Drift* drift = frame.from ? nullptr : drifting();
    // A crossfade over the frame before it, where the display keeps it: one blend a frame.
    std::optional<float> over = frame.from && frame.transition == playlist::Transition::Crossfade
                                    ? fade_base(*leaving, *on, vp, kind)
                                    : std::nullopt;
    // A page that stands in the kept frame: the watchdog's present shows that frame again, the
    // clock's minute draws only the chrome over it where the chrome is opaque (Solid).
    const bool again = !redraw && !moving() && on && !standby && stands_in_frame(*on, vp) &&
                       (!new_chrome || kind == render::Chrome::Solid);
    SDL_Texture* from = nullptr;
    SDL_Texture* page = nullptr;
    bool straight = false;  // the page drawn into the frame itself, not copied from its texture
    if (frame.from) {
        // A transition: each page is drawn once into a texture (the coming one usually while
        // the slide before stood, in prerender()), and each frame blends or slides two
        // textures — two copies instead of hundreds of text lines twice; one blend over the
        // frame before where that frame is kept.
        page = page_texture(*on, key_of(*leaving));
        if (!over) from = page_texture(*leaving, key_of(*on));
        if (!page || (!over && !from)) {
            page = nullptr;
            over.reset();
        }
    } else if (on && !again && !presented_once_ && !drift && !frame.ticker && display_.keeps_frames()) {
        // The first slide: straight into the frame, which keeps it (the next crossfade blends
        // over that frame). Its texture would be 8 MiB of fresh memory to fault in and a copy
        // between the player's start and its first slide: ~8 ms under Xvfb. prerender() makes
        // it later if a transition needs it.
        straight = true;
    } else if (on && !again && (drift || frame.ticker || pages_.has(key_of(*on)) || display_.keeps_frames())) {
        // A drifting picture, the crawl or a change with nothing moving (the clock's minute,
        // the overlay): the page is a texture (drawn once; again, where the page standing in
        // the kept frame let it go: prerender(), in the slot the next page's is not in).
        if (pages_.has(key_of(*on))) {
            page = page_texture(*on, {});
        } else {
            const std::optional<OnScreen> next = director_.next();
            page = page_texture(*on, next ? key_of(*next) : PageTextures::Key{});
        }
    }
    using Cover = platform::Display::Cover;
    // A page drawn straight fills the board with its opaque background first: no clear before it.
    const bool opaque = page || (straight && on->current().scene.background.a == 255);
    display_.begin_frame(over || again ? Cover::OverLast : opaque ? Cover::Whole : Cover::Partly);
    Frame top = frame;  // what goes over the page's texture: the chrome, the crawl, the overlay
    top.from = top.to = nullptr;
    float share = 1;  // of the page on screen in this frame (a crossfade's eased progress)
    if (again) {
        if (new_chrome) compose(r, display_.textures(), vp, top);
    } else if (over) {
        share = fade_page_over_last(vp, page, *over, frame.progress);
        if (kind != render::Chrome::Solid)
            for (const auto& u : under_) fade_under_band(r, vp, page, u.pixels.get(), u.band, share);
        compose(r, display_.textures(), vp, top);
    } else if (frame.from && page) {
        share = compose_pages(r, vp, from, page, frame.transition, frame.progress);
        compose(r, display_.textures(), vp, top);
    } else if (drift) {
        // A gallery picture drifting: the page, the picture's view over it, then the chrome
        // and the crawl over both.
        if (page) copy_whole_page(vp, page);
        const render::Scene& scene = on->current().scene;
        paint_drift(r, display_.textures(), vp, scene.width, scene.height, *drift, drift_progress(now));
        compose(r, display_.textures(), vp, top);
    } else if (page) {
        // Each frame of the crawl copies the page and draws the chrome's two bands and the
        // strip over it. No full-screen still of page plus chrome is kept: it cost 8 MiB at
        // 1920x1080 to save blending the masthead's few text lines, a sliver of the frame's
        // copy and present.
        copy_whole_page(vp, page);
        compose(r, display_.textures(), vp, top);
    } else if (straight) {
        // As page_texture() draws it (through no texture cache), then what goes over it.
        render::draw(r, on->current().scene, vp);
        compose(r, display_.textures(), vp, top);
    } else {
        compose(r, display_.textures(), vp, frame);
    }
    const auto drawn = config_.clock();
    if (!presented_once_) startup_log::mark("first frame drawn");
    // Vsync paces the frames; where there is none (a virtual X server) do not spin. Counted
    // from the start of the last present, so a slow present is not paid twice.
    const auto since_last = real_time(drawn - last_present_start_, config_.clock_rate);
    const bool fading = frame.from && frame.transition == playlist::Transition::Crossfade;
    const milliseconds interval =
        render::frame_interval(display_.driver(), fading ? render::Motion::Fade : render::Motion::Other);
    if (since_last < interval)
        SDL_Delay(static_cast<std::uint32_t>(std::chrono::duration_cast<milliseconds>(interval - since_last).count()));
    const auto present_start = config_.clock();
    last_present_start_ = present_start;
    display_.present();
    last_present_ = config_.clock();
    // What the kept frame now shows: a page (or a crossfade's blend into it) under the chrome
    // alone. Not a push's frame, nor a drift's, nor one under the overlay.
    const bool whole_page = frame.from ? page && (over || frame.transition == playlist::Transition::Crossfade ||
                                                  share >= 1.f)
                                       : on && !standby && !drift;
    if (again) {
    } else if (display_.keeps_frames() && whole_page && !overlay_) {
        shown_ = Shown{key_of(*on), share, vp};
    } else {
        shown_.reset();
    }
    if (!presented_once_) startup_log::mark(on ? "first slide presented" : "first frame presented (standby)");
    presented_once_ = true;
    log_frame(frame.from != nullptr, draw_start, drawn, present_start);
    dirty_ = false;
    return true;
}

// What draw() does without pixels: a frame "presented" whenever one would have been, so the
// director, the watchdog and proof of play see the same as on a board with a screen.
bool Painter::skip_frame(bool force) {
    if (!dirty_ && !force) return false;
    if (!director_.on() && !director_.standby()) return false;  // the first slide is being prepared
    last_present_ = config_.clock();
    if (!presented_once_) startup_log::mark(director_.on() ? "first slide (not drawn)" : "standby (not drawn)");
    presented_once_ = true;
    dirty_ = false;
    return true;
}

PageTextures::Key Painter::key_of(const OnScreen& s) const {
    return texture_key(s, viewport_.w, viewport_.h);
}

// The share of `to` the kept frame shows when a crossfade from `from` may go on over it: 0
// when it shows `from` standing. An opaque chrome (Solid) covers what the frame before had
// there; under the Overlay chrome's see-through bands (alpha 215) the frame before's band
// would blend in again each frame, more opaque than it is until the last frame (up to 39
// levels of 255 where band and picture differ most), so there the bands are drawn from the
// pixels kept of `from` (keep_under()), and without them, or under a crawl, the fade blends
// two textures. Not under preview's overlay, nor in another viewport.
std::optional<float> Painter::fade_base(const OnScreen& from, const OnScreen& to, const SDL_Rect& vp,
                                        render::Chrome kind) const {
    if (!shown_ || !display_.keeps_frames() || overlay_) return std::nullopt;
    if (kind != render::Chrome::Solid && (ticker_ || under_.empty() || !(under_page_ == key_of(from))))
        return std::nullopt;
    if (!SDL_RectEquals(&shown_->vp, &vp)) return std::nullopt;
    if (shown_->page == key_of(to)) return shown_->p;
    if (shown_->page == key_of(from) && shown_->p >= 1.f) return 0.f;
    return std::nullopt;
}

// The kept frame shows page `s` alone (under the chrome) in `vp`.
bool Painter::stands_in_frame(const OnScreen& s, const SDL_Rect& vp) const {
    return shown_ && display_.keeps_frames() && shown_->page == key_of(s) && shown_->p >= 1.f &&
           SDL_RectEquals(&shown_->vp, &vp);
}

// The page on screen needs no texture: it stands in the kept frame with nothing moving over
// it, and the transition to `next` is a crossfade that blends over that frame (fade_base(),
// once the pixels under the Overlay chrome's bands are kept) or a cut.
bool Painter::frame_holds_only(const OnScreen& on, const OnScreen& next) const {
    return !ticker_ && !overlay_ && !drifting() && stands_in_frame(on, viewport_) &&
           next.playlist->items[next.item].transition != playlist::Transition::Push;
}

// The see-through parts of the Overlay chrome in a w×h page texture, whole pixels around them.
std::vector<SDL_Rect> Painter::see_through(int w, int h) {
    const render::Scene& c = chrome(render::Chrome::Overlay);
    std::vector<SDL_Rect> bands;
    if (c.width <= 0 || c.height <= 0) return bands;
    const float sx = static_cast<float>(w) / static_cast<float>(c.width);
    const float sy = static_cast<float>(h) / static_cast<float>(c.height);
    for (const auto& op : c.ops) {
        if (op.kind == render::OpKind::Fill && op.color.a == 255) continue;
        const int x0 = std::max(0, static_cast<int>(std::floor(op.dst.x * sx)) - 1);
        const int y0 = std::max(0, static_cast<int>(std::floor(op.dst.y * sy)) - 1);
        const int x1 = std::min(w, static_cast<int>(std::ceil((op.dst.x + op.dst.w) * sx)) + 1);
        const int y1 = std::min(h, static_cast<int>(std::ceil((op.dst.y + op.dst.h) * sy)) + 1);
        const SDL_Rect b{x0, y0, x1 - x0, y1 - y0};
        if (b.w <= 0 || b.h <= 0) continue;
        const bool inside = std::any_of(bands.begin(), bands.end(), [&](const SDL_Rect& o) {
            SDL_Rect both{};
            return SDL_IntersectRect(&o, &b, &both) && SDL_RectEquals(&both, &b);
        });
        if (!inside) bands.push_back(b);
    }
    return bands;
}

// Copies page `s`'s pixels under the Overlay chrome's bands out of its texture `page` (at
// 1920x1080 the masthead's: ~0.7 MiB).
void Painter::keep_under(const OnScreen& s, SDL_Texture* page) {
    under_.clear();
    under_page_ = {};
    SDL_Renderer* r = display_.renderer();
    SDL_Texture* target = SDL_GetRenderTarget(r);
    SDL_SetTextureBlendMode(page, SDL_BLENDMODE_NONE);
    SDL_SetTextureAlphaMod(page, 255);
    for (const SDL_Rect& band : see_through(viewport_.w, viewport_.h)) {
        render::TexturePtr t(SDL_CreateTexture(r, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, band.w, band.h));
        if (!t) {
            under_.clear();
            break;
        }
        SDL_SetRenderTarget(r, t.get());
        SDL_RenderCopy(r, page, &band, nullptr);
        under_.push_back({band, std::move(t)});
    }
    SDL_SetRenderTarget(r, target);
    under_page_ = key_of(s);  // tried: none kept if SDL could not make them
}

void Painter::window_event(std::uint8_t what) {
    switch (what) {
        case SDL_WINDOWEVENT_MOVED:
        case SDL_WINDOWEVENT_ENTER:
        case SDL_WINDOWEVENT_LEAVE:
        case SDL_WINDOWEVENT_FOCUS_GAINED:
        case SDL_WINDOWEVENT_FOCUS_LOST:
        case SDL_WINDOWEVENT_TAKE_FOCUS:
        case SDL_WINDOWEVENT_HIT_TEST:
        case SDL_WINDOWEVENT_ICCPROF_CHANGED:
            if (shown_ && display_.keeps_frames()) return;  // the frame on screen is still there
            break;
        case SDL_WINDOWEVENT_SHOWN:
        case SDL_WINDOWEVENT_EXPOSED:
            if (shown_ && display_.keeps_frames()) {
                again_ = Again::Present;
                return;
            }
            break;
        default:
            break;
    }
    dirty_ = true;
    shown_.reset();
}

SDL_Texture* Painter::page_texture(const OnScreen& s, const PageTextures::Key& keep) {
    return pages_.get(display_.renderer(), key_of(s), keep, [&](SDL_Renderer* r) {
        // Drawn once, so through no texture cache: each bitmap's texture (a text line as ARGB
        // is 4x its coverage) is freed as soon as it is drawn, and the picture goes up in
        // strips. Kept until the page was done, they cost 6.5 MiB at the 50-megapixel run's
        // peak (an article's lines drawn while the photo page stood), and the picture's
        // texture another 5.4 MiB while its page was drawn (tests/bench/play_peak_rss.py).
        // Keeping them after the draw cost more still (the demo after 20 s under Xvfb: 85 MiB
        // PSS against 232 MiB).
        // Once it is in the texture, its text lines are let go: made again from their glyphs
        // if the page must be drawn again (a resize, preview's page back), they cost little;
        // kept, an article's came to 2.6 MiB of the 50-megapixel run's peak. Its pictures go
        // in prerender(), where it is known that the page will not come back soon.
        render::draw(r, s.current().scene, {0, 0, viewport_.w, viewport_.h});
        s.current().scene.release_pictures(render::Remake::Cheap);
    });
}

// A crossfade's frame over the kept frame: on the pixels of both where the display and the
// page's texture have them (the software renderer), through SDL otherwise.
float Painter::fade_page_over_last(const SDL_Rect& vp, SDL_Texture* page, float shown, float progress) {
    if (auto frame = display_.frame_pixels()) {
        const render::TexturePixels pixels(page);
        if (pixels.ok()) return fade_over_last(*frame, vp, render::read_only(pixels.rows()), shown, progress);
    }
    return fade_over_last(display_.renderer(), vp, page, shown, progress);
}

void Painter::copy_whole_page(const SDL_Rect& vp, SDL_Texture* page) {
    if (auto frame = display_.frame_pixels()) {
        const render::TexturePixels pixels(page);
        if (pixels.ok()) return copy_page(*frame, vp, render::read_only(pixels.rows()));
    }
    copy_page(display_.renderer(), page, vp);
}

const render::Scene& Painter::chrome(render::Chrome kind) {
    auto it = chromes_.find(kind);
    if (it == chromes_.end())
        it = chromes_
                 .emplace(kind, render::chrome_scene(context(), config_.wall_clock(), kind,
                                                     ticker_ ? render::Crawl::Moving : render::Crawl::Still))
                 .first;
    return it->second;
}

// Between frames, while no transition runs: draw the page on screen and the one that comes
// next into textures, and make the next page's chrome, one a turn, so the next transition
// starts with everything ready.
bool Painter::prerender() {
    const auto& on = director_.on();
    if (config_.pixels == Pixels::Skipped || director_.leaving() || !on || viewport_.w <= 0 || chrome_minute_ < 0) return false;
    const std::optional<OnScreen> next = director_.next();
    if (next && !chromes_.count(next->current().chrome)) {
        (void)chrome(next->current().chrome);
        return true;
    }
    const PageTextures::Key upcoming = next ? key_of(*next) : PageTextures::Key{};
    // The fade to a page under the Overlay chrome needs the pixels under its bands: kept first,
    // in the same turn (a copy of ~0.7 MiB): the loop may not turn again before the page's end,
    // and the next page then was drawn in the transition's first frame (26 ms under Xvfb).
    const bool overlay_next = next && next->current().chrome != render::Chrome::Solid;
    if (!(under_page_ == key_of(*on))) {
        under_.clear();
        under_page_ = {};
    }
    const bool may_go = next && frame_holds_only(*on, *next);
    if (may_go && overlay_next && !(under_page_ == key_of(*on)) && pages_.has(key_of(*on)))
        keep_under(*on, page_texture(*on, {}));
    // A page that stands in the kept frame needs no texture (8 MiB at 1920x1080): the next
    // crossfade blends over that frame. Its texture is where the next page is drawn, and goes
    // if that page has one already. A change with nothing moving (the clock's minute) draws it
    // again (draw()), and then its pictures go again here.
    const bool in_frame = may_go && (!overlay_next || !under_.empty());
    pages_.keep_only(in_frame && pages_.has(upcoming) ? upcoming : key_of(*on), upcoming);
    if (in_frame && next->serial != on->serial) on->current().scene.release_pictures();
    if (!in_frame && !pages_.has(key_of(*on))) {
        return page_texture(*on, upcoming) != nullptr;  // another turn only if this one got on
    }
    if (next && !pages_.has(upcoming)) {
        // The page on screen is in its texture, and the next page is another preparation's:
        // the pictures of this one are drawn again only if its texture must be made again (a
        // resize, preview's page back), and are then decoded again. Let go before the next
        // page is drawn, they are not alive at the moment it costs most (issue 14's
        // 50-megapixel run: the photo's 5.4 MiB). A page that comes back from the same
        // preparation (the next of a gallery, a one-item playlist's next round) keeps them.
        if (next->serial != on->serial) on->current().scene.release_pictures();
        (void)page_texture(*next, in_frame ? PageTextures::Key{} : key_of(*on));
        // Once in its texture, the next page's pictures go too (they are decoded again only if
        // that texture must be made again before the page is shown): the side-by-side run's
        // photo stood 5.7 MiB beside its texture through the transition into it.
        if (next->serial != on->serial) next->current().scene.release_pictures();
        // Everything for the next transition is made, and what the last one used is freed:
        // hand glibc's free heap back to the system rather than keep it at its highest point
        // (the demo after 20 s under Xvfb: 80 MiB PSS against 85 MiB without).
        malloc_trim(0);
    }
    return false;
}

// The first present makes the window's framebuffer (on X11 without a GPU: 8 MiB of shared
// memory, faulted in page by page, and attached by the X server) or sets KMSDRM's mode; the
// first clear faults in SDL's frame: under Xvfb (load ~3) 100-180 ms. Done while the worker
// prepares the first slide, the slide came ~20 ms sooner (median of six runs on a fresh Xvfb,
// 222 -> 202 ms from exec). Not a present for the watchdog or the frame log: nothing is shown
// that was not there (the mapped window is black).
void Painter::warm_up() {
    if (presented_once_ || warmed_up_ || config_.pixels == Pixels::Skipped || !display_.early_present_helps()) return;
    warmed_up_ = true;
    shown_.reset();
    display_.begin_frame();
    display_.present();
    startup_log::mark("black frame presented");
}

// display-off (loop.cpp's go_dark()): black, the chrome's clock and the ticker included.
bool Painter::paint_off() {
    const auto start = config_.clock();
    if (config_.pixels == Pixels::Skipped) {
        last_present_ = start;
        dirty_ = false;
        return true;
    }
    shown_.reset();
    display_.begin_frame();  // clears to black
    display_.present();
    last_present_ = config_.clock();
    log_frame(false, start, start, start);
    dirty_ = false;
    return true;
}

void Painter::log_frame(bool in_transition, Clock::time_point draw_start, Clock::time_point drawn,
                        Clock::time_point present_start) {
    if (!frame_log_) return;
    auto us = [](Clock::duration d) {
        return static_cast<long long>(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
    };
    // When, whether inside a transition, how long drawing and presenting took.
    std::fprintf(frame_log_.get(), "%lld %d %lld %lld\n", us(last_present_.time_since_epoch()), in_transition ? 1 : 0,
                 us(drawn - draw_start), us(last_present_ - present_start));
    std::fflush(frame_log_.get());
}

}  // namespace nb::show

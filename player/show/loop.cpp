#include "show/loop.h"

#include <SDL.h>
#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "core/guard.h"
#include "platform/service.h"
#include "playlist/schedule.h"
#include "render/glyph_cache.h"
#include "render/panels.h"
#include "render/slide.h"
#include "show/compositor.h"
#include "show/on_screen.h"
#include "show/page_textures.h"
#include "show/preparer.h"
#include "show/schedule_clock.h"
#include "show/sequence.h"
#include "show/showing.h"
#include "show/status_writer.h"
#include "show/waker.h"
#include "show/watch.h"

namespace nb::show {
namespace {

using Clock = std::chrono::steady_clock;
using playlist::Playlist;
using std::chrono::milliseconds;

// Longest sleep. Signals, keys, the worker and inotify wake the loop with events; the
// masthead's clock sets its own deadline at the next minute.
constexpr milliseconds kMaxSleep{60'000};
// A failed item is not tried again for this long.
constexpr std::chrono::seconds kCoolDown{60};

std::string status_name(const std::string& path) {
    if (path.empty()) return {};
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// True when `next` has an urgent item eligible at `now` that `before` has not: such a
// playlist is taken at once instead of at the next slide boundary.
bool brings_urgent(const Playlist& next, const Playlist* before, TimePoint now) {
    std::set<std::string> known;
    if (before)
        for (std::size_t i : playlist::eligible_items(*before, now))
            if (before->items[i].priority == playlist::Priority::Urgent) known.insert(before->items[i].id);
    for (std::size_t i : playlist::eligible_items(next, now))
        if (next.items[i].priority == playlist::Priority::Urgent && !known.count(next.items[i].id)) return true;
    return false;
}

class Show {
  public:
    Show(platform::Display& display, const text::FontCascade& fonts, ContentSource& content, const LoopConfig& config)
        : display_(display),
          fonts_(fonts),
          content_(content),
          config_(config),
          metrics_(render::Metrics::for_screen(config.width, config.height)),
          preparer_(fonts, glyphs_, wake_loop, config.prepare_fault),
          watcher_(config.mode == Mode::Preview ? std::make_unique<Watcher>(
                                                      [this] {
                                                          reload_wanted_ = true;
                                                          wake_loop();
                                                      },
                                                      status_name(config.status_file))
                                                : nullptr) {}

    int run(const std::atomic<bool>& stop);

  private:
    // The steps of one turn of the loop, in order.
    bool handle_events(milliseconds wait);
    void turn();
    void reload_if_changed(Clock::time_point now);
    void collect(Clock::time_point now);
    void advance(Clock::time_point now);
    void draw(Clock::time_point now);
    Showing showing() const;
    void write_status(Clock::time_point now);
    void paint_off(Clock::time_point now);
    bool source_changed(Clock::time_point now);
    milliseconds until_next_deadline(Clock::time_point now) const;
    milliseconds real(Clock::duration d) const;
    // Draws `layers` into `texture` (made or resized to the viewport), over the page texture
    // `page` when there is one; false if SDL cannot.
    bool render_to(render::TexturePtr& texture, const SDL_Rect& vp, const Frame& layers, SDL_Texture* page);
    PageTextures::Key key_of(const OnScreen& s) const;
    SDL_Texture* page_texture(const OnScreen& s, const PageTextures::Key& keep);
    void prerender();

    std::shared_ptr<const Playlist> load();
    void adopt(std::shared_ptr<const Playlist> next);
    void take_pending(TimePoint wall);
    void request(std::size_t item);
    void request_next();
    void show(OnScreen next, playlist::Transition how, Clock::time_point now);
    void go_to_page(std::size_t page, Clock::time_point now);
    void step(int direction, Clock::time_point now);
    bool moving() const;
    const render::Drift* drifting() const;
    float drift_progress(Clock::time_point now) const;
    render::SlideContext context() const;
    const render::Scene& chrome(render::Chrome kind);
    std::vector<std::string> overlay_lines(Clock::time_point now) const;

    platform::Display& display_;
    const text::FontCascade& fonts_;
    ContentSource& content_;
    const LoopConfig& config_;
    render::Metrics metrics_;
    mutable render::GlyphCache glyphs_;  // shared with the worker (it locks)
    Playlist empty_;                     // the context of the standby screen before any playlist loads
    std::atomic<bool> reload_wanted_{false};
    // What schedules are judged at: the wall clock, or the newest `updated` seen before NTP.
    mutable ScheduleClock schedule_{config_.wall_clock, config_.clock_synchronised};  // caches
    const bool sdl_waits_ = sdl_wait_sleeps(SDL_GetCurrentVideoDriver());

    // What is shown and what comes next. Only the loop's thread touches these.
    std::shared_ptr<const Playlist> playlist_;
    // Loaded from the source, waiting for the slide boundary (play) to take over.
    std::shared_ptr<const Playlist> pending_;
    std::vector<std::string> warnings_, pending_warnings_;
    std::optional<std::string> pending_error_;  // of an item left out of the pending playlist
    std::optional<std::string> last_error_;
    std::optional<std::string> load_error_;  // the source's latest version did not load
    Sequence sequence_;
    std::optional<OnScreen> on_, leaving_;
    playlist::Transition transition_ = playlist::Transition::Cut;
    Clock::time_point transition_start_;
    std::optional<std::size_t> wanted_;  // requested from the worker, for playlist_
    bool switch_when_ready_ = false;     // take it at once (urgent, a key, a reload)
    playlist::Transition switch_how_ = playlist::Transition::Cut;
    std::optional<std::size_t> keep_page_;
    std::optional<OnScreen> ready_;
    std::uint64_t pages_made_ = 0;                     // the serial of the last pages collected
    std::map<std::string, Clock::time_point> broken_;  // item id → when it failed
    bool standby_ = false;
    bool awaiting_pages_ = false;  // the page is due, the next one not made yet
    Clock::time_point standby_since_;
    bool paused_ = false, overlay_ = false, dirty_ = true, quit_ = false;
    std::optional<std::string> off_until_;  // display-off: dark until then ("06:00")

    // The chrome changes each minute; the ticker strip with the playlist.
    // The chrome of each kind in use this minute, made before the page that needs it (text
    // shaping in a transition's first frame showed as a 40-60 ms frame).
    std::map<render::Chrome, render::Scene> chromes_;
    render::Scene standby_scene_, overlay_scene_;
    long long chrome_minute_ = -1;
    render::Chrome chrome_kind_ = render::Chrome::Solid;
    const Playlist* chrome_for_ = nullptr;
    std::optional<render::TickerStrip> ticker_;
    std::vector<std::string> ticker_lines_;  // what ticker_ shows, looked at again each minute
    Clock::time_point started_ = config_.clock();
    Clock::time_point last_present_, last_present_start_;
    int overlay_second_ = -1;
    // While something moves the loop turns 60 times a second; the source (a stat() for a
    // file) and the status are looked at only a few times a second then.
    Clock::time_point source_checked_, status_checked_;
    platform::ServiceNotifier service_;  // READY and the watchdog, under systemd
    StatusWriter status_{service_, config_.status_file};
    PlayLog play_log_{config_.observer};
    std::uint64_t shows_ = 0;  // pages that came on screen (Showing::serial)
    // NEWSBOARD_FRAME_LOG=FILE: one line per presented frame ("µs in_transition"), for the
    // benchmark's frame times. Not an option: boards never need it.
    struct FileCloser {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    std::unique_ptr<std::FILE, FileCloser> frame_log_{
        std::getenv("NEWSBOARD_FRAME_LOG") ? std::fopen(std::getenv("NEWSBOARD_FRAME_LOG"), "w") : nullptr};
    render::TexturePtr still_;       // page + chrome while only the ticker moves
    PageTextures pages_;             // pages drawn once: the two of a transition, the next one
    SDL_Rect viewport_{0, 0, 0, 0};  // of the last frame
    int still_w_ = 0, still_h_ = 0;  // the viewport still_ was drawn for
    bool still_dirty_ = true;

    Preparer preparer_;  // after everything its thread may call back into
    std::unique_ptr<Watcher> watcher_;
};

render::SlideContext Show::context() const {
    return render::SlideContext{
        fonts_, glyphs_, playlist_ ? *playlist_ : empty_, metrics_, display_.max_texture(), schedule_.now()};
}

// What the source has now; nullptr (and last_error_ says why) when it does not load.
std::shared_ptr<const Playlist> Show::load() {
    Diagnostics diags;
    auto loaded = content_.load(diags);
    diags.print();
    if (!loaded) {
        load_error_.reset();
        for (const auto& d : diags.all())
            if (d.severity == Severity::Error) {
                load_error_ = d.format();
                break;
            }
        if (!load_error_) load_error_ = content_.name() + ": cannot load the playlist";
        last_error_ = load_error_;
        dirty_ = true;
        return nullptr;  // keep showing the last good one
    }
    load_error_.reset();
    if (!loaded->updated_text.empty()) schedule_.saw(loaded->updated);
    schedule_.saw(content_.newest_updated());
    pending_warnings_.clear();
    pending_error_.reset();
    for (const auto& d : diags.all()) {
        pending_warnings_.push_back(d.format());
        if (d.severity == Severity::Error && !pending_error_) pending_error_ = d.format();
    }
    return loaded;
}

// `next` takes over: what comes after the current slide is chosen from it.
void Show::adopt(std::shared_ptr<const Playlist> next) {
    warnings_ = std::move(pending_warnings_);
    pending_warnings_.clear();
    // A later version that did not load is still the news (play takes an earlier pending one).
    last_error_ = load_error_ ? load_error_ : pending_error_;
    pending_.reset();
    playlist_ = std::move(next);
    sequence_.reset(playlist_);
    broken_.clear();
    preparer_.cancel_pending();
    ready_.reset();
    wanted_.reset();
    ticker_ = render::ticker_strip(context());
    ticker_lines_ = render::ticker_lines(*playlist_, schedule_.now());
    chrome_for_ = nullptr;
    dirty_ = true;
    if (watcher_) watcher_->watch(content_.folders(*playlist_));
}

// At a page boundary (or at once for an urgent item): the pending playlist takes over, so
// staff wait at most one page, not a whole long article. Between items, what follows is the
// item that was due next when it is still there and eligible, else the next in the new
// order; in the middle of an item, its next page as the new playlist has it.
void Show::take_pending(TimePoint wall) {
    const bool mid_item = on_ && on_->page + 1 < on_->pages->size();
    const std::string resume = mid_item ? on_->id : std::string();
    const std::size_t resume_page = mid_item ? on_->page + 1 : 0;
    std::string upcoming;
    if (playlist_ && wanted_) upcoming = playlist_->items[*wanted_].id;
    if (ready_) upcoming = ready_->id;
    adopt(std::move(pending_));
    std::optional<std::size_t> again;
    for (std::size_t i : playlist::eligible_items(*playlist_, wall))
        if (playlist_->items[i].id == (mid_item ? resume : upcoming)) again = i;
    if (again)
        request(*again);
    else
        request_next();
    if (!mid_item || !wanted_) return;
    // The page on screen is due now: switch as soon as the new pages are made, with the
    // transition the page change would have had.
    if (again) keep_page_ = resume_page;
    switch_when_ready_ = true;
    switch_how_ = playlist_->items[*wanted_].transition;
}

void Show::request(std::size_t item) {
    wanted_ = item;
    ready_.reset();
    // The item on screen again (a one-item playlist): its pages are already made.
    if (on_ && on_->playlist == playlist_ && on_->item == item) {
        OnScreen again = *on_;
        again.page = 0;
        ready_ = std::move(again);
        return;
    }
    preparer_.request({playlist_, item, metrics_, display_.max_texture(), schedule_.now()});
}

void Show::request_next() {
    const TimePoint now = schedule_.now();
    // Skip items that failed recently; give up after one round.
    for (std::size_t tries = 0; playlist_ && tries <= playlist_->items.size(); ++tries) {
        auto next = sequence_.next(now);
        if (!next) break;
        auto bad = broken_.find(playlist_->items[*next].id);
        if (bad != broken_.end() && config_.clock() - bad->second < kCoolDown) continue;
        request(*next);
        return;
    }
    wanted_.reset();
}

void Show::show(OnScreen next, playlist::Transition how, Clock::time_point now) {
    if (on_ && how != playlist::Transition::Cut) {
        leaving_ = std::move(on_);
        transition_ = how;
        transition_start_ = now;
    } else {
        leaving_.reset();
    }
    next.since = now;
    on_ = std::move(next);
    ++shows_;
    standby_ = false;
    dirty_ = true;
}

void Show::go_to_page(std::size_t page, Clock::time_point now) {
    OnScreen next = *on_;
    next.page = page;
    show(std::move(next), on_->playlist->items[on_->item].transition, now);
}

void Show::collect(Clock::time_point now) {
    while (auto done = preparer_.collect()) {
        if (done->playlist != playlist_ || !wanted_ || done->item != *wanted_) continue;  // stale
        if (done->pages.empty()) {
            const std::string id = playlist_->items[done->item].id;
            std::fprintf(stderr, "%s: error: %s: %s\n", content_.name().c_str(), id.c_str(), done->error.c_str());
            last_error_ = id + ": " + done->error;
            broken_[id] = now;
            request_next();
            continue;
        }
        ready_ = on_screen(std::move(*done), ++pages_made_);
    }
}

void Show::advance(Clock::time_point now) {
    const TimePoint wall = schedule_.now();
    if (leaving_ && now - transition_start_ >= config_.transition) {
        leaving_.reset();
        dirty_ = true;  // the last frame shows the new page alone
    }
    if (sequence_.urgent_arrived(wall)) {
        preparer_.cancel_pending();
        request_next();
        switch_when_ready_ = true;
    }
    if (!on_ && !ready_ && !wanted_) {
        request_next();
        if (!wanted_ && !standby_) {
            standby_ = true;
            standby_since_ = now;
            dirty_ = true;
        }
    }
    // The standby screen looks again each minute (the chrome's clock wakes the loop).
    if (standby_ && !wanted_ && now - standby_since_ >= std::chrono::seconds(60)) {
        standby_since_ = now;
        request_next();
    }
    const bool due = on_ && !paused_ && now - on_->since >= std::chrono::seconds(on_->current().duration_s);
    if (due && pending_) take_pending(wall);
    if (due && !switch_when_ready_ && on_->page + 1 < on_->pages->size()) {
        go_to_page(on_->page + 1, now);
        return;
    }
    if (ready_ && (due || switch_when_ready_ || !on_ || standby_)) {
        OnScreen next = std::move(*ready_);
        ready_.reset();
        wanted_.reset();
        if (keep_page_) next.page = std::min(*keep_page_, next.pages->size() - 1);
        const auto how = !on_                 ? playlist::Transition::Cut
                         : switch_when_ready_ ? switch_how_
                                              : next.playlist->items[next.item].transition;
        switch_when_ready_ = false;
        switch_how_ = playlist::Transition::Cut;
        keep_page_.reset();
        show(std::move(next), how, now);
        request_next();  // prepare the one after while this one stands
    } else if (due && !ready_ && !wanted_) {
        request_next();
        if (!wanted_) {  // nothing eligible any more
            on_.reset();
            leaving_.reset();
            standby_ = true;
            standby_since_ = now;
            dirty_ = true;
        }
    }
}

bool Show::moving() const {
    // Until advance() ends the transition: its last frame shows the new page alone.
    return leaving_.has_value() || (ticker_ && (on_ || standby_)) || drifting();
}

// The page on screen's picture when it pans and zooms now: a gallery's, on a GPU, between
// transitions (which show the page as prepared, where the move starts and ends).
const render::Drift* Show::drifting() const {
    if (!on_ || leaving_ || paused_ || !on_->current().drift || config_.motion == Motion::Still) return nullptr;
    return motion_for(display_.renderer()) == Motion::Drift ? &*on_->current().drift : nullptr;
}

// 0 … 1 from the end of the transition in to the start of the one out.
float Show::drift_progress(Clock::time_point now) const {
    const auto span = std::chrono::seconds(on_->current().duration_s) - config_.transition;
    if (span.count() <= 0) return 0;
    return std::clamp(std::chrono::duration<float>(now - on_->since - config_.transition) /
                          std::chrono::duration<float>(span), 0.f, 1.f);
}

std::vector<std::string> Show::overlay_lines(Clock::time_point now) const {
    std::vector<std::string> lines;
    if (on_) {
        const auto left = std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::seconds(on_->current().duration_s) - (now - on_->since));
        lines.push_back(on_->id + "  " + std::to_string(on_->page + 1) + "/" + std::to_string(on_->pages->size()));
        lines.push_back(paused_ ? "已暂停" : "还剩 " + std::to_string(std::max<long long>(0, left.count())) + " 秒");
    } else {
        lines.push_back("待机");
    }
    if (last_error_) lines.push_back(*last_error_);
    for (std::size_t i = 0; i < warnings_.size() && i < 6; ++i) lines.push_back(warnings_[i]);
    return lines;
}

void Show::draw(Clock::time_point now) {
    const TimePoint wall = config_.wall_clock();
    const long long minute = std::chrono::duration_cast<std::chrono::minutes>(wall.time_since_epoch()).count();
    const render::Chrome kind = on_ ? on_->current().chrome : render::Chrome::Solid;
    const Playlist* for_playlist = playlist_.get();
    if (minute != chrome_minute_ || for_playlist != chrome_for_) {
        const auto ctx = context();
        chromes_.clear();
        // The headlines in the crawl are those eligible now: an embargo that lifts adds one.
        if (playlist_) {
            auto lines = render::ticker_lines(*playlist_, schedule_.now());
            if (lines != ticker_lines_) {
                ticker_lines_ = std::move(lines);
                ticker_ = render::ticker_strip(ctx);
            }
        }
        if (standby_) {
            render::StandbyInfo info{config_.board_id, content_.name(),
                                     playlist_ ? "现在没有安排播放的内容" : "尚无可用的播放列表"};
            standby_scene_ = render::standby_scene(ctx, wall, info);
        }
        chrome_minute_ = minute;
        chrome_for_ = for_playlist;
        dirty_ = true;
    }
    if (kind != chrome_kind_) {
        chrome_kind_ = kind;
        dirty_ = true;
    }
    const int second = static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(now - started_).count());
    if (overlay_ && second != overlay_second_) {
        overlay_second_ = second;
        dirty_ = true;
    }
    // Under systemd's watchdog a standing slide is presented again now and then: the ping
    // says a frame really reached the screen.
    if (now >= service_.next_frame_due()) dirty_ = true;
    if (!dirty_ && !moving()) return;
    if (standby_ && standby_scene_.ops.empty()) {
        const auto ctx = context();
        standby_scene_ = render::standby_scene(
            ctx, wall,
            {config_.board_id, content_.name(), playlist_ ? "现在没有安排播放的内容" : "尚无可用的播放列表"});
    }
    if (!on_ && !standby_) return;  // the first slide is still being prepared

    Frame frame;
    frame.to = on_ ? &on_->current().scene : &standby_scene_;
    if (leaving_) {
        frame.from = &leaving_->current().scene;
        frame.transition = transition_;
        frame.progress =
            std::chrono::duration<float>(now - transition_start_) / std::chrono::duration<float>(config_.transition);
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
    const SDL_Rect vp = display_.begin_frame();
    SDL_Renderer* r = display_.renderer();
    viewport_ = vp;
    if (frame.from) {
        // A transition: each page is drawn once into a texture (the coming one usually while
        // the slide before stood, in prerender()), and each frame blends or slides two
        // textures — two copies instead of hundreds of text lines twice.
        SDL_Texture* from = page_texture(*leaving_, key_of(*on_));
        SDL_Texture* to = page_texture(*on_, key_of(*leaving_));
        if (from && to) {
            compose_pages(r, vp, from, to, frame.transition, frame.progress);
            Frame top = frame;
            top.from = top.to = nullptr;
            compose(r, display_.textures(), vp, top);
        } else {
            compose(r, display_.textures(), vp, frame);
        }
        still_dirty_ = true;
    } else if (const render::Drift* drift = drifting()) {
        // A gallery picture drifting: the page (a texture already), the picture's view over
        // it, then the chrome and the crawl over both.
        still_dirty_ = true;
        if (SDL_Texture* page = page_texture(*on_, {})) copy_page(r, page, vp);
        const render::Scene& page = on_->current().scene;
        paint_drift(r, display_.textures(), vp, page.width, page.height, *drift, drift_progress(now));
        Frame top = frame;
        top.to = nullptr;
        compose(r, display_.textures(), vp, top);
    } else if (frame.ticker) {
        // Only the crawl moves: the page and chrome are drawn once into a texture, and each
        // frame copies it and draws the strip over it.
        if (still_dirty_ || dirty_ || still_w_ != vp.w || still_h_ != vp.h) {
            Frame layers = frame;
            layers.ticker = nullptr;
            SDL_Texture* page = nullptr;
            if (on_ && pages_.has(key_of(*on_))) {
                page = page_texture(*on_, {});  // there already: the page is a copy, not redrawn
                layers.to = nullptr;
            }
            still_dirty_ = !render_to(still_, vp, layers, page);
        }
        if (!still_dirty_) {
            SDL_RenderCopy(r, still_.get(), nullptr, &vp);
            draw_ticker(r, display_.textures(), vp, frame);
        } else {
            compose(r, display_.textures(), vp, frame);
        }
    } else if (on_ && pages_.has(key_of(*on_))) {
        // A change with nothing moving (the clock's minute, the overlay): the page is a
        // texture already, so it is copied, and only the chrome is drawn over it.
        still_dirty_ = true;
        copy_page(r, page_texture(*on_, {}), vp);
        Frame top = frame;
        top.to = nullptr;
        compose(r, display_.textures(), vp, top);
    } else {
        still_dirty_ = true;
        compose(r, display_.textures(), vp, frame);
    }
    const auto drawn = config_.clock();
    // Vsync paces the frames; where there is none (a virtual X server) do not spin. Counted
    // from the start of the last present, so a slow present is not paid twice.
    const auto since_last = real(drawn - last_present_start_);
    if (since_last < milliseconds(16))
        SDL_Delay(static_cast<std::uint32_t>(
            std::chrono::duration_cast<milliseconds>(milliseconds(16) - since_last).count()));
    const auto present_start = config_.clock();
    last_present_start_ = present_start;
    display_.present();
    last_present_ = config_.clock();
    service_.frame_presented(last_present_);
    if (frame_log_) {
        auto us = [](Clock::duration d) {
            return static_cast<long long>(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
        };
        // When, whether inside a transition, how long drawing and presenting took.
        std::fprintf(frame_log_.get(), "%lld %d %lld %lld\n", us(last_present_.time_since_epoch()), frame.from ? 1 : 0,
                     us(drawn - draw_start), us(last_present_ - present_start));
    }
    dirty_ = false;
}

bool Show::render_to(render::TexturePtr& texture, const SDL_Rect& vp, const Frame& layers, SDL_Texture* page) {
    SDL_Renderer* r = display_.renderer();
    int w = 0, h = 0;
    if (texture) SDL_QueryTexture(texture.get(), nullptr, nullptr, &w, &h);
    // Opaque, so copying it each frame is a copy, not a blend (see page_textures.cpp).
    if (!texture || w != vp.w || h != vp.h)
        texture.reset(SDL_CreateTexture(r, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, vp.w, vp.h));
    still_w_ = vp.w;
    still_h_ = vp.h;
    if (!texture) return false;
    SDL_Texture* target = SDL_GetRenderTarget(r);
    SDL_SetRenderTarget(r, texture.get());
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    const SDL_Rect whole{0, 0, vp.w, vp.h};
    if (page) copy_page(r, page, whole);
    compose(r, display_.textures(), whole, layers);
    SDL_SetRenderTarget(r, target);
    return true;
}

PageTextures::Key Show::key_of(const OnScreen& s) const {
    return texture_key(s, viewport_.w, viewport_.h);
}

SDL_Texture* Show::page_texture(const OnScreen& s, const PageTextures::Key& keep) {
    return pages_.get(display_.renderer(), key_of(s), keep, [&] {
        Frame page;
        page.to = &s.current().scene;
        compose(display_.renderer(), display_.textures(), {0, 0, viewport_.w, viewport_.h}, page);
        // The page's own bitmaps (its text lines, its picture) live on in the page texture;
        // their textures are copies the page needs no more (the demo after 20 s under Xvfb:
        // 85 MiB PSS against 232 MiB keeping them).
        for (const auto& op : s.current().scene.ops)
            if (op.bitmap) display_.textures().forget(op.bitmap);
    });
}

const render::Scene& Show::chrome(render::Chrome kind) {
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
void Show::prerender() {
    if (leaving_ || !on_ || viewport_.w <= 0 || chrome_minute_ < 0) return;
    std::optional<OnScreen> next;
    if (on_->page + 1 < on_->pages->size()) {
        next = *on_;
        next->page = on_->page + 1;
    } else if (ready_) {
        next = *ready_;
        next->page = keep_page_ ? std::min(*keep_page_, next->pages->size() - 1) : 0;
    }
    if (next && !chromes_.count(next->current().chrome)) {
        (void)chrome(next->current().chrome);
        return;
    }
    const PageTextures::Key upcoming = next ? key_of(*next) : PageTextures::Key{};
    if (!pages_.has(key_of(*on_))) {
        (void)page_texture(*on_, upcoming);
        return;
    }
    if (next && !pages_.has(upcoming)) {
        (void)page_texture(*next, key_of(*on_));
        // Everything for the next transition is made, and what the last one used is freed:
        // hand glibc's free heap back to the system rather than keep it at its highest point
        // (the demo after 20 s under Xvfb: 80 MiB PSS against 85 MiB without).
        malloc_trim(0);
    }
}

// The panel is dark (display-off): one black frame, then again only as the systemd watchdog
// needs a present. The DRM connector's DPMS is not turned off: SDL 2.26 holds the DRM master
// and shares neither it nor its page flips, and a flip on a panel in DPMS off never completes
// (the present would block, and the watchdog restart the board every night).
void Show::paint_off(Clock::time_point now) {
    if (!dirty_ && now < service_.next_frame_due()) return;
    display_.begin_frame();  // clears to black
    display_.present();
    last_present_ = config_.clock();
    service_.frame_presented(last_present_);
    dirty_ = false;
    still_dirty_ = true;
}

milliseconds Show::until_next_deadline(Clock::time_point now) const {
    if (moving() && !off_until_) return milliseconds(0);
    milliseconds wait = kMaxSleep;
    auto until = [&](Clock::time_point t) {
        wait = std::min(wait, std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(t - now)));
    };
    // The page's end, unless advance() found it due and waits for the worker's pages: the
    // worker wakes the loop when they are made (waiting for "now" again spun a core).
    if (on_ && !paused_ && !off_until_ && !awaiting_pages_)
        until(on_->since + std::chrono::seconds(on_->current().duration_s));
    // The masthead's clock at the next minute (and urgent items, whose hours are minutes).
    const auto wall = config_.wall_clock().time_since_epoch();
    const auto into_minute = wall - std::chrono::duration_cast<std::chrono::minutes>(wall);
    until(now + std::chrono::seconds(60) - into_minute + milliseconds(5));
    if (overlay_) until(now + milliseconds(1000) - std::chrono::duration_cast<milliseconds>(now - started_) % 1000);
    if (service_.next_frame_due() != Clock::time_point::max()) until(service_.next_frame_due());
    return wait;
}

// `d` on the loop's clock in real time: sleeps are real, the clock may run faster (tests).
milliseconds Show::real(Clock::duration d) const {
    if (config_.clock_rate == 1.0) return std::chrono::duration_cast<milliseconds>(d);
    return milliseconds(
        static_cast<long long>(std::ceil(std::chrono::duration<double, std::milli>(d).count() / config_.clock_rate)));
}

void Show::step(int direction, Clock::time_point now) {
    if (!on_ || !playlist_) return;
    const long long page = static_cast<long long>(on_->page) + direction;
    if (on_->playlist == playlist_ && page >= 0 && page < static_cast<long long>(on_->pages->size())) {
        OnScreen next = *on_;
        next.page = static_cast<std::size_t>(page);
        show(std::move(next), playlist::Transition::Cut, now);
        return;
    }
    // Another item: the next one in playlist order among those eligible now.
    const auto eligible = playlist::eligible_items(*playlist_, schedule_.now());
    if (eligible.empty()) return;
    auto at = std::find(eligible.begin(), eligible.end(), on_->item);
    std::size_t pos = at == eligible.end() ? 0 : static_cast<std::size_t>(at - eligible.begin());
    pos = direction > 0 ? (pos + 1) % eligible.size() : (pos + eligible.size() - 1) % eligible.size();
    preparer_.cancel_pending();
    request(eligible[pos]);
    if (direction < 0) keep_page_ = static_cast<std::size_t>(-1);  // the last page of the one before
    switch_when_ready_ = true;
}

bool Show::handle_events(milliseconds wait) {
    SDL_Event e;
    bool got = false;
    if (wait.count() > 0 && sdl_waits_) {
        got = SDL_WaitEventTimeout(&e, static_cast<int>(wait.count())) != 0;
    } else {
        if (wait.count() > 0) sleep_until_woken(wait);
        got = SDL_PollEvent(&e) != 0;
    }
    const auto now = config_.clock();
    for (; got; got = SDL_PollEvent(&e) != 0) {
        if (e.type == SDL_QUIT && config_.mode == Mode::Preview) quit_ = true;
        if (e.type == SDL_WINDOWEVENT) dirty_ = true;
        if (e.type != SDL_KEYDOWN || config_.mode != Mode::Preview) continue;
        switch (e.key.keysym.sym) {
            case SDLK_q:
            case SDLK_ESCAPE:
                quit_ = true;
                break;
            case SDLK_RIGHT:
                step(+1, now);
                break;
            case SDLK_LEFT:
                step(-1, now);
                break;
            case SDLK_SPACE:
                paused_ = !paused_;
                if (on_ && !paused_) on_->since = now;
                break;
            case SDLK_f:
                display_.toggle_fullscreen();
                break;
            case SDLK_r:
                reload_wanted_ = true;
                break;
            case SDLK_o:
                overlay_ = !overlay_;
                break;
            default:
                break;
        }
        dirty_ = true;
    }
    return !quit_;
}

bool Show::source_changed(Clock::time_point now) {
    if (moving() && now - source_checked_ < milliseconds(250)) return false;
    source_checked_ = now;
    return content_.changed();
}

void Show::reload_if_changed(Clock::time_point now) {
    // play loads a changed source at once but takes it at the next slide boundary
    // (advance()); on the standby screen, with no good playlist yet, or for a new urgent
    // item, at once.
    if (config_.mode == Mode::Kiosk) {
        if (source_changed(now))
            if (auto next = load()) pending_ = std::move(next);
        if (!pending_) return;
        const TimePoint wall = schedule_.now();
        if (!playlist_ || standby_) {
            adopt(std::move(pending_));
            request_next();
        } else if (brings_urgent(*pending_, playlist_.get(), wall)) {
            take_pending(wall);  // advance() sees the urgent item arrive and interrupts for it
        }
        return;
    }
    // preview: inotify (or R) asked, or the sync brought a new playlist; the item on screen
    // stays when it still exists — or the one a key asked for, when it is still being made
    // (one save can bring several inotify events, and the editor's key must not be lost).
    if (!reload_wanted_.exchange(false) && !source_changed(now)) return;
    std::optional<std::string> keep = on_ ? std::optional<std::string>(on_->id) : std::nullopt;
    std::size_t keep_page = on_ ? on_->page : 0;
    if (switch_when_ready_ && playlist_ && (wanted_ || ready_)) {
        keep = ready_ ? ready_->id : playlist_->items[*wanted_].id;
        keep_page = keep_page_.value_or(0);
    }
    auto next = load();
    if (!next) return;  // it does not load: keep what is on screen
    adopt(std::move(next));
    // Keep the current item when it still exists.
    std::optional<std::size_t> index;
    if (keep)
        for (std::size_t i = 0; i < playlist_->items.size(); ++i)
            if (playlist_->items[i].id == *keep) index = i;
    if (index) {
        request(*index);
        keep_page_ = keep_page;
    } else {
        request_next();
    }
    switch_when_ready_ = true;
}

Showing Show::showing() const {
    Showing s;
    s.state = on_ ? Showing::State::Showing : standby_ ? Showing::State::Standby : Showing::State::Starting;
    // The playlist of what is on screen (a new one is taken at the next page).
    if (const Playlist* shown = on_ ? on_->playlist.get() : playlist_.get()) {
        s.playlist_id = shown->id;
        s.playlist_updated = shown->updated_text;
        s.playlist_sha256 = shown->sha256;
    }
    if (on_) {
        s.item_id = on_->id;
        s.page = static_cast<int>(on_->page) + 1;
        s.pages = static_cast<int>(on_->pages->size());
    }
    s.paused = paused_;
    s.display_off_until = off_until_;
    s.serial = shows_;
    return s;
}

void Show::write_status(Clock::time_point now) {
    const Showing s = showing();
    play_log_.update(s, now, config_.wall_clock());
    if (moving() && now - status_checked_ < milliseconds(250)) return;
    status_checked_ = now;
    status_.write(s, {config_.mode == Mode::Kiosk ? "play" : "preview", content_.name(), config_.board_id,
                      last_error_, content_.sync_report()});
}

void Show::turn() {
    const auto now = config_.clock();
    reload_if_changed(now);
    collect(now);
    const auto off = config_.display_off ? config_.display_off(config_.wall_clock()) : std::nullopt;
    if (off != off_until_) dirty_ = true;  // the black frame, or the content back
    off_until_ = off;
    if (off_until_) {
        paint_off(config_.clock());  // the slides stand still, and so does the worker
    } else {
        advance(now);
        // Due, and still here: the next pages are being made, and the worker wakes the loop.
        awaiting_pages_ = on_ && !paused_ && now - on_->since >= std::chrono::seconds(on_->current().duration_s);
        draw(config_.clock());
        prerender();
    }
    write_status(config_.clock());
}

int Show::run(const std::atomic<bool>& stop) {
    content_.set_wake(wake_loop);
    run_guarded("the first playlist", [this] {
        if (auto first = load()) adopt(std::move(first));
    });
    milliseconds wait{0};
    std::string failed;  // what the last turn threw, logged once
    while (!stop.load()) {
        try {
            if (!handle_events(real(wait))) break;
            turn();
            wait = until_next_deadline(config_.clock());
            failed.clear();
        } catch (...) {
            // The screen keeps what it shows; the next turn tries again a second later. A turn
            // that always throws presents nothing, so the watchdog ends up restarting us.
            const std::string what = what_of_current_exception();
            if (what != failed) std::fprintf(stderr, "newsboard: error: the frame loop: %s\n", what.c_str());
            last_error_ = "the frame loop: " + what;
            failed = what;
            wait = milliseconds(1000);
        }
    }
    play_log_.finish(config_.clock());
    service_.stopping();
    return 0;
}

}  // namespace

int run_loop(platform::Display& display, const text::FontCascade& fonts, ContentSource& content,
             const LoopConfig& config, const std::atomic<bool>& stop) {
    int code = 3;
    // What the loop's turns do not catch (the setup, the last words): exit 3, and the service
    // starts the player again.
    run_guarded("the frame loop", [&] {
        Show show(display, fonts, content, config);
        code = show.run(stop);
    });
    return code;
}

}  // namespace nb::show

#include "show/loop.h"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>

#include "core/guard.h"
#include "core/startup_log.h"
#include "platform/service.h"
#include "render/glyph_cache.h"
#include "show/director.h"
#include "show/painter.h"
#include "show/preparer.h"
#include "show/schedule_clock.h"
#include "show/showing.h"
#include "show/status_writer.h"
#include "show/waker.h"
#include "show/watch.h"

namespace nb::show {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Longest sleep. Signals, keys, the worker and inotify wake the loop with events; the
// masthead's clock sets its own deadline at the next minute.
constexpr milliseconds kMaxSleep{60'000};
constexpr milliseconds kStandbyLook{1'000};

std::string status_name(const std::string& path) {
    if (path.empty()) return {};
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The loop around the Director: events and sleep, the source's I/O, the painter, the status
// and the watchdog.
class Show {
  public:
    Show(platform::Display& display, const text::FontCascade& fonts, ContentSource& content, const LoopConfig& config,
         std::unique_ptr<Stage> stage)
        : stage_(std::move(stage)),
          display_(display),
          content_(content),
          config_(config),
          schedule_(stage_->schedule()),
          director_(stage_->director()),
          painter_(display, fonts, stage_->glyphs(), director_, schedule_, config, content.name()),
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
    void took_new_playlist();
    void write_status(Clock::time_point now);
    bool source_changed(Clock::time_point now);
    milliseconds until_next_deadline(Clock::time_point now) const;
    void presented(bool yes);
    void go_dark();
    void light_up();

    // First: the worker it holds stops after everything that asks it for pages.
    std::unique_ptr<Stage> stage_;
    platform::Display& display_;
    ContentSource& content_;
    const LoopConfig& config_;
    std::atomic<bool> reload_wanted_{false};
    ScheduleClock& schedule_;
    const bool sdl_waits_ = sdl_wait_sleeps(SDL_GetCurrentVideoDriver());
    bool quit_ = false;
    // Whether the painter has more to draw ahead of the next transition (Painter::prerender()).
    enum class Ahead { Done, More };
    Ahead ahead_ = Ahead::Done;
    // display-off: the panel shows what it shows (No), black after one black frame where it
    // has no power switch (Black), or it is off (PanelOff, DRM DPMS). While dark nothing is
    // presented and the watchdog is fed from the loop's turns.
    enum class Dark { No, Black, PanelOff };
    Dark dark_ = Dark::No;
    std::uint64_t generation_ = 0;  // of the director's playlist the watcher follows
    // While something moves the loop turns 60 times a second; the source (a stat() for a
    // file) and the status are looked at only a few times a second then.
    Clock::time_point source_checked_, status_checked_;
    platform::ServiceNotifier service_;  // READY and the watchdog, under systemd
    StatusWriter status_{service_, config_.status_file};
    PlayLog play_log_{config_.observer};
    Director& director_;
    Painter painter_;
    std::unique_ptr<Watcher> watcher_;
};

// The director took a playlist: the painter's ticker, preview's folders.
void Show::took_new_playlist() {
    painter_.catch_up();
    if (director_.generation() == generation_) return;
    generation_ = director_.generation();
    if (watcher_) watcher_->watch(content_.folders(*director_.playlist()));
}

void Show::presented(bool yes) {
    if (!yes) return;
    service_.frame_presented(painter_.last_present());
    director_.presented();
}

milliseconds Show::until_next_deadline(Clock::time_point now) const {
    const bool off = director_.off_until().has_value();
    if ((painter_.moving() || ahead_ == Ahead::More) && !off) return milliseconds(0);
    milliseconds wait = kMaxSleep;
    auto until = [&](Clock::time_point t) {
        wait = std::min(wait, std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(t - now)));
    };
    // The page's end, unless it is due and waits for the worker's pages: the worker wakes the
    // loop when they are made (waiting for "now" again spun a core).
    if (auto end = director_.page_end()) until(*end);
    // The standby screen has no page to end, and a local file cannot wake the loop (it is
    // asked with a stat() each turn): it is asked each second, so its next edition shows then
    // rather than at the next minute.
    if (director_.standby()) until(source_checked_ + kStandbyLook);
    // A transition's end, where nothing is drawn (--headless) and so the loop does not turn
    // for its frames.
    if (director_.transitioning()) until(director_.transition_start() + config_.transition);
    // The masthead's clock at the next minute (and urgent items, whose hours are minutes).
    const auto wall = config_.wall_clock().time_since_epoch();
    const auto into_minute = wall - std::chrono::duration_cast<std::chrono::minutes>(wall);
    until(now + std::chrono::seconds(60) - into_minute + milliseconds(5));
    if (auto tick = painter_.overlay_tick(now)) until(*tick);
    if (service_.next_frame_due() != Clock::time_point::max()) until(service_.next_frame_due());
    return wait;
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
        if (e.type == SDL_WINDOWEVENT) painter_.window_event(e.window.event);
        if (e.type != SDL_KEYDOWN || config_.mode != Mode::Preview) continue;
        switch (e.key.keysym.sym) {
            case SDLK_q:
            case SDLK_ESCAPE:
                quit_ = true;
                break;
            case SDLK_RIGHT:
                director_.step(+1, now);
                break;
            case SDLK_LEFT:
                director_.step(-1, now);
                break;
            case SDLK_SPACE:
                director_.toggle_pause(now);
                break;
            case SDLK_f:
                display_.toggle_fullscreen();
                break;
            case SDLK_r:
                reload_wanted_ = true;
                break;
            case SDLK_o:
                painter_.toggle_overlay();
                break;
            default:
                break;
        }
        painter_.mark_dirty();
    }
    return !quit_;
}

bool Show::source_changed(Clock::time_point now) {
    if (painter_.moving() && now - source_checked_ < milliseconds(250)) return false;
    source_checked_ = now;
    return content_.changed();
}

void Show::reload_if_changed(Clock::time_point now) {
    // play: a changed source is loaded at once and taken at the next page boundary; preview:
    // inotify (or R) asked, or the sync brought a new playlist.
    const bool look =
        config_.mode == Mode::Kiosk ? source_changed(now) : reload_wanted_.exchange(false) || source_changed(now);
    director_.content(look ? std::optional<Loaded>(stage_->load()) : std::nullopt, now);
    took_new_playlist();
}

void Show::write_status(Clock::time_point now) {
    Showing s = director_.showing();
    s.quarantined = content_.quarantined();  // the status file and the fleet say the same
    play_log_.update(s, now, config_.wall_clock());
    if (painter_.moving() && now - status_checked_ < milliseconds(250)) return;
    status_checked_ = now;
    status_.write(s, {config_.mode == Mode::Kiosk ? "play" : "preview", content_.name(), config_.board_id,
                      director_.last_error(), content_.sync_report(),
                      dark_ == Dark::PanelOff ? "off"
                      : dark_ == Dark::Black  ? "black"
                                              : "on",
                      config_.warnings});
}

// The display-off hours: one black frame (what stays on a panel without a power switch), then
// the panel off where it can be (DRM DPMS: the backlight, a TV's standby). Then nothing is
// presented — a page flip on a panel in DPMS off would never complete — and the watchdog is fed
// when the loop turns (it wakes for the watchdog's interval and each minute): ~0 % CPU.
void Show::go_dark() {
    if (dark_ == Dark::No) {
        presented(painter_.paint_off());
        const bool off = display_.set_panel(platform::PanelPower::Off);
        dark_ = off ? Dark::PanelOff : Dark::Black;
        if (off)
            std::fprintf(stderr, "newsboard: display-off: the panel is off (DPMS) until %s\n",
                         director_.off_until()->c_str());
        else
            std::fprintf(stderr, "newsboard: display-off: black until %s (the panel stays on: %s)\n",
                         director_.off_until()->c_str(), display_.panel_error().c_str());
        return;
    }
    // A window the X server shows again (an expose) gets its black frame back.
    if (dark_ == Dark::Black && painter_.dirty()) presented(painter_.paint_off());
    service_.alive(config_.clock());
}

void Show::light_up() {
    if (dark_ == Dark::PanelOff && !display_.set_panel(platform::PanelPower::On))
        std::fprintf(stderr, "newsboard: error: display-off ended, but the panel did not come on: %s\n",
                     display_.panel_error().c_str());
    if (dark_ != Dark::No) painter_.mark_dirty();
    dark_ = Dark::No;
}

void Show::turn() {
    const auto now = config_.clock();
    reload_if_changed(now);
    director_.collect(now);
    director_.display_window(config_.wall_clock());
    if (director_.off_until()) {
        if (director_.take_changed()) painter_.mark_dirty();
        go_dark();  // the slides stand still, and so does the worker
    } else {
        light_up();
        director_.advance(now);
        took_new_playlist();
        if (director_.take_changed()) painter_.mark_dirty();
        const auto t = config_.clock();
        // Under systemd's watchdog a standing slide is presented again now and then: the ping
        // says a frame really reached the screen.
        presented(painter_.draw(t, t >= service_.next_frame_due()));
        painter_.warm_up();  // once, while the worker prepares the first slide
        ahead_ = painter_.prerender() ? Ahead::More : Ahead::Done;
        if (ahead_ == Ahead::Done) painter_.settle();
    }
    write_status(config_.clock());
}

int Show::run(const std::atomic<bool>& stop) {
    // The first playlist is loaded and its first page under way since the stage was made.
    run_guarded("the first playlist", [this] {
        took_new_playlist();
        // Before the first turn's events: SDL's event handling asks the X server things, and
        // would wait there for the screen's first paint (platform/x11_first_paint.h) doing
        // nothing, where the present waits for it while the worker makes the first slide.
        painter_.warm_up();
    });
    milliseconds wait{0};
    std::string failed;  // what the last turn threw, logged once
    // The first turn draws before it looks at events. SDL's event handling asks the X server
    // things, and the server is busy with the window's first paint (x11_first_paint.h) for
    // tens of ms: the first slide, under way since the stage was made, is awaited and drawn
    // meanwhile. A slow one (a big photo on a Pi) gets the loop's events after a second.
    // Not in the display-off hours: there the first turn's black frame would be presented again
    // for the window's first expose, handled after it; nothing is presented in the dark.
    stage_->await_pages(std::chrono::seconds(1), stop);
    director_.display_window(config_.wall_clock());
    enum class Events { Later, First };
    Events events = director_.off_until() ? Events::First : Events::Later;
    while (!stop.load()) {
        try {
            if (events == Events::First && !handle_events(real_time(wait, config_.clock_rate))) break;
            events = Events::First;
            turn();
            wait = until_next_deadline(config_.clock());
            failed.clear();
        } catch (...) {
            // The screen keeps what it shows; the next turn tries again a second later. A turn
            // that always throws presents nothing, so the watchdog ends up restarting us.
            const std::string what = what_of_current_exception();
            if (what != failed) std::fprintf(stderr, "newsboard: error: the frame loop: %s\n", what.c_str());
            director_.set_error("the frame loop: " + what);
            failed = what;
            wait = milliseconds(1000);
        }
    }
    play_log_.finish(config_.clock());
    service_.stopping();
    return 0;
}

}  // namespace

milliseconds real_time(Clock::duration d, double rate) {
    if (rate == 1.0) return std::chrono::duration_cast<milliseconds>(d);
    return milliseconds(static_cast<long long>(std::ceil(std::chrono::duration<double, std::milli>(d).count() / rate)));
}

int run_loop(platform::Display& display, const text::FontCascade& fonts, ContentSource& content,
             const LoopConfig& config, std::unique_ptr<Stage> stage, const std::atomic<bool>& stop) {
    int code = 3;
    // What the loop's turns do not catch (the setup, the last words): exit 3, and the service
    // starts the player again.
    run_guarded("the frame loop", [&] {
        Show show(display, fonts, content, config, std::move(stage));
        code = show.run(stop);
    });
    return code;
}

}  // namespace nb::show

// Draws what the Director decided (show/director.h) with SDL: the page on screen, or two pages
// during a transition; the chrome (masthead and its clock, remade each minute); the ticker,
// scrolled by time; preview's overlay; the standby screen; the black panel of display-off.
// It keeps the textures that make this cheap (pages drawn once, under the crawling ticker
// too) and presents; the loop feeds the watchdog from what it presented.
#pragma once

#include <SDL.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/display.h"
#include "render/glyph_cache.h"
#include "render/panels.h"
#include "render/slide.h"
#include "show/compositor.h"
#include "show/director.h"
#include "show/drift_painter.h"
#include "show/page_textures.h"
#include "show/schedule_clock.h"
#include "text/cascade.h"

namespace nb::show {

struct LoopConfig;

class Painter {
  public:
    using Clock = std::chrono::steady_clock;

    Painter(platform::Display& display, const text::FontCascade& fonts, render::GlyphCache& glyphs,
            const Director& director, ScheduleClock& schedule, const LoopConfig& config, std::string source_name);

    // Takes the director's new playlist, if it has one (the ticker strip is made for it).
    void catch_up();
    // Something on screen changed (an event, a decision): the next draw() presents.
    void mark_dirty() { dirty_ = true; }
    // A window event (SDL_WINDOWEVENT_*). One that changes the window (a resize makes a new
    // frame), or any on a display that keeps no frame: the next draw() draws all of it. An
    // expose or the window shown, where the display keeps the frame: that frame is presented
    // again as it is, since the pixels are still there; focus and pointer events change
    // nothing. The window's first expose comes after the first slide now (the loop's first turn
    // draws before it handles events), and redrew that slide through a fresh 8 MiB page texture.
    void window_event(std::uint8_t what);
    bool dirty() const { return dirty_; }
    // Whether frames follow each other: a transition, a crawling ticker, a drifting picture.
    bool moving() const;
    // Draws and presents when something changed or moves, or when `force` (the watchdog wants
    // a present); true when a frame was presented.
    bool draw(Clock::time_point now, bool force);
    // Between frames: draws the page on screen and the next one into textures, one a turn.
    // True when it did one step and another is due: the loop turns again at once instead of
    // sleeping to the page's end (the next page was then drawn in the transition's first
    // frame: 55-59 ms frames under Xvfb in each run's first crossfade).
    bool prerender();
    // A turn with nothing left to draw: the display's deferred work (Display::settle()).
    void settle() { display_.settle(); }
    // Before the first slide, while the worker prepares it: one black frame, so what a first
    // present costs whatever it shows is paid now and not after the slide is drawn.
    void warm_up();
    // display-off: presents a black frame; true.
    bool paint_off();
    Clock::time_point last_present() const { return last_present_; }

    void toggle_overlay() { overlay_ = !overlay_; }
    // When the overlay's seconds count down next; nothing without the overlay.
    std::optional<Clock::time_point> overlay_tick(Clock::time_point now) const;

  private:
    render::SlideContext context() const;
    const render::Drift* drifting() const;
    float drift_progress(Clock::time_point now) const;
    const render::Scene& chrome(render::Chrome kind);
    std::vector<std::string> overlay_lines(Clock::time_point now) const;
    PageTextures::Key key_of(const OnScreen& s) const;
    bool skip_frame(bool force);
    void log_frame(bool in_transition, Clock::time_point draw_start, Clock::time_point drawn,
                   Clock::time_point present_start);
    SDL_Texture* page_texture(const OnScreen& s, const PageTextures::Key& keep);
    float fade_page_over_last(const SDL_Rect& vp, SDL_Texture* page, float shown, float progress);
    void copy_whole_page(const SDL_Rect& vp, SDL_Texture* page);
    std::optional<float> fade_base(const OnScreen& from, const OnScreen& to, const SDL_Rect& vp,
                                   render::Chrome kind) const;
    bool stands_in_frame(const OnScreen& s, const SDL_Rect& vp) const;
    bool frame_holds_only(const OnScreen& on, const OnScreen& next) const;
    std::vector<SDL_Rect> see_through(int w, int h);
    void keep_under(const OnScreen& s, SDL_Texture* page);

    platform::Display& display_;
    const text::FontCascade& fonts_;
    render::GlyphCache& glyphs_;
    const Director& director_;
    ScheduleClock& schedule_;
    const LoopConfig& config_;
    const std::string source_name_;
    render::Metrics metrics_;
    playlist::Playlist empty_;  // the context of the standby screen before any playlist loads

    bool dirty_ = true, overlay_ = false;
    enum class Again { No, Present };  // the kept frame, presented again (window_event())
    Again again_ = Again::No;
    std::uint64_t generation_ = 0;  // of the director's playlist the ticker was made for
    // The chrome of each kind in use this minute, made before the page that needs it (text
    // shaping in a transition's first frame showed as a 40-60 ms frame).
    std::map<render::Chrome, render::Scene> chromes_;
    render::Scene standby_scene_, overlay_scene_;
    long long chrome_minute_ = -1;
    render::Chrome chrome_kind_ = render::Chrome::Solid;
    std::uint64_t chrome_for_ = 0;  // the playlist generation the chrome was made for
    std::optional<render::TickerStrip> ticker_;
    std::vector<std::string> ticker_lines_;  // what ticker_ shows, looked at again each minute
    Clock::time_point started_;
    Clock::time_point last_present_{}, last_present_start_{};
    int overlay_second_ = -1;
    // NEWSBOARD_FRAME_LOG=FILE: one line per presented frame ("µs in_transition"), for the
    // benchmark's frame times. Not an option: boards never need it.
    struct FileCloser {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    std::unique_ptr<std::FILE, FileCloser> frame_log_;
    PageTextures pages_;             // pages drawn once: the two of a transition, the next one
    SDL_Rect viewport_{0, 0, 0, 0};  // of the last frame
    // What the frame presented last shows, where the display keeps it (keeps_frames()): the
    // share `p` (eased) of `page` blended over the page before it, in `vp`, and over that the
    // chrome and nothing else. Empty when it is something else or not known.
    struct Shown {
        PageTextures::Key page;
        float p = 1;
        SDL_Rect vp{0, 0, 0, 0};
    };
    std::optional<Shown> shown_;
    // The pixels of page `under_page_` under the Overlay chrome's see-through bands, kept before
    // its texture went to the next page, for the crossfade out of it (fade_under_band()).
    struct Under {
        SDL_Rect band;
        render::TexturePtr pixels;
    };
    PageTextures::Key under_page_;
    std::vector<Under> under_;
    bool presented_once_ = false;    // the first slide goes straight into the frame (draw())
    bool warmed_up_ = false;         // warm_up() was done
};

}  // namespace nb::show

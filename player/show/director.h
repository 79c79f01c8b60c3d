// What is on screen next: the frame loop's decisions without SDL, a display or a thread. It
// holds the playlist on screen and the one waiting for a page boundary, asks a PageMaker (the
// prepare worker; a fake in tests) for items, takes its pages when they come, and decides:
// which page of which item shows since when, with which transition from which page; the
// standby screen; the panel dark until a time (display-off). Time comes in as arguments (the
// loop's clock) and through ScheduleClock (the wall clock, both injected), so unit tests drive
// it with a fake clock (tests/show_state.tests.cpp). The painter (show/painter.h) draws what
// it decided, the status writer reports it; the loop (loop.cpp) does the I/O around it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "playlist/model.h"
#include "show/on_screen.h"
#include "show/preparer.h"
#include "show/schedule_clock.h"
#include "show/sequence.h"
#include "show/showing.h"

namespace nb::show {

enum class Mode {
    Kiosk,    // play: no keys, a changed playlist is taken at the next slide boundary
    Preview,  // keys, overlay, live reload through inotify keeping the current item
};

// Who makes the pages: the Preparer, or a fake that hands pages over when a test says so.
class PageMaker {
  public:
    virtual ~PageMaker() = default;
    virtual void request(PrepareJob job) = 0;
    virtual void cancel_pending() = 0;
    virtual std::optional<Prepared> collect() = 0;  // never blocks
};

// One look at the content source: the playlist (null when it does not load) and what its
// diagnostics said.
struct Loaded {
    std::shared_ptr<const playlist::Playlist> playlist;
    std::vector<std::string> warnings;  // every diagnostic, formatted
    std::optional<std::string> error;   // the first error: why it did not load, or an item left out
};

struct DirectorConfig {
    Mode mode = Mode::Kiosk;
    render::Metrics metrics;
    int max_texture = 4096;
    render::Ink ink = render::Ink::Now;  // Deferred where pages are never drawn (--headless)
    std::chrono::milliseconds transition{800};
    // display-off hours: the local time the panel comes back on, while it is off.
    std::function<std::optional<std::string>(TimePoint)> display_off;
    // An item that cannot be prepared ("ITEM: why"), logged by the loop.
    std::function<void(const std::string&)> item_failed = [](const std::string&) {};
};

class Director {
  public:
    using Clock = std::chrono::steady_clock;

    Director(DirectorConfig config, PageMaker& maker, ScheduleClock& schedule);

    // The source's playlist, at start, or when it changed (`loaded`), or each turn with nothing
    // new (nullopt; play may still take the one it holds, for an urgent item). play takes a
    // change at the next page boundary (at once on the standby screen or for a new urgent
    // item); preview at once, keeping the item on screen when it still exists.
    void first(Loaded loaded, Clock::time_point now);
    // The renderer's texture limit, known once the display is open: first() may have asked for
    // the first page under a guess (show/stage.h). Pages asked for or made under another limit
    // are asked for again; pages made under this one are kept.
    void set_max_texture(int limit);
    void content(std::optional<Loaded> loaded, Clock::time_point now);
    // Pages the maker finished.
    void collect(Clock::time_point now);
    // Whether the panel is dark at `wall`; true when that changed.
    bool display_window(TimePoint wall);
    // The page's time is up, a transition ended, an urgent item came: the next decision.
    void advance(Clock::time_point now);
    // preview's keys: a page or item forward (+1) or back (-1); pause.
    void step(int direction, Clock::time_point now);
    void toggle_pause(Clock::time_point now);
    // A frame reached the screen. The first page's successor is asked for only then: made
    // at once, its decode (a full-screen photo: tens of ms of CPU) shared the cores with the
    // first page's compose and present, and with the X server's copy of it.
    void presented();

    // The decision. on(): the page on screen (its item's pages, which page, since when);
    // leaving(): during a transition, the page it leaves, with transition() since
    // transition_start(); next(): what comes after on() if it is made already (to draw ahead).
    const std::optional<OnScreen>& on() const { return on_; }
    const std::optional<OnScreen>& leaving() const { return leaving_; }
    playlist::Transition transition() const { return transition_; }
    Clock::time_point transition_start() const { return transition_start_; }
    std::optional<OnScreen> next() const;
    bool standby() const { return standby_; }
    bool paused() const { return paused_; }
    const std::optional<std::string>& off_until() const { return off_until_; }
    // When the page on screen is due (nothing while paused, dark, or when it is due already
    // and the next item's pages are still being made: the maker's wake comes then).
    std::optional<Clock::time_point> page_end() const;
    bool transitioning() const { return leaving_.has_value(); }

    const std::shared_ptr<const playlist::Playlist>& playlist() const { return playlist_; }
    // Grows with each playlist taken (the painter remakes its ticker, preview watches folders).
    std::uint64_t generation() const { return generation_; }
    const std::vector<std::string>& warnings() const { return warnings_; }
    const std::optional<std::string>& last_error() const { return last_error_; }
    void set_error(std::string e) { last_error_ = std::move(e); }
    // True once after the screen's content changed (the painter draws again).
    bool take_changed() { return std::exchange(changed_, false); }
    Showing showing() const;

  private:
    std::shared_ptr<const playlist::Playlist> accept(Loaded loaded);
    void adopt(std::shared_ptr<const playlist::Playlist> next);
    void take_pending(TimePoint wall);
    void request(std::size_t item);
    void request_next();
    void show(OnScreen next, playlist::Transition how, Clock::time_point now);
    void go_to_page(std::size_t page, Clock::time_point now);
    void go_standby(Clock::time_point now);

    DirectorConfig config_;
    PageMaker& maker_;
    ScheduleClock& schedule_;
    Clock::time_point now_{};  // of the call in progress

    std::shared_ptr<const playlist::Playlist> playlist_;
    // Loaded from the source, waiting for the slide boundary (play) to take over.
    std::shared_ptr<const playlist::Playlist> pending_;
    std::vector<std::string> warnings_, pending_warnings_;
    std::optional<std::string> pending_error_;  // of an item left out of the pending playlist
    std::optional<std::string> last_error_;
    std::optional<std::string> load_error_;  // the source's latest version did not load
    std::uint64_t generation_ = 0;
    Sequence sequence_;
    std::optional<OnScreen> on_, leaving_;
    playlist::Transition transition_ = playlist::Transition::Cut;
    Clock::time_point transition_start_{};
    std::optional<std::size_t> wanted_;  // requested from the maker, for playlist_
    bool switch_when_ready_ = false;     // take it at once (urgent, a key, a reload)
    playlist::Transition switch_how_ = playlist::Transition::Cut;
    std::optional<std::size_t> keep_page_;
    std::optional<OnScreen> ready_;
    std::uint64_t pages_made_ = 0;                     // the serial of the last pages collected
    std::map<std::string, Clock::time_point> broken_;  // item id → when it failed
    bool standby_ = false;
    bool awaiting_pages_ = false;  // the page is due, the next one not made yet
    Clock::time_point standby_since_{};
    bool paused_ = false;
    bool changed_ = true;
    std::optional<std::string> off_until_;  // display-off: dark until then ("06:00")
    std::uint64_t shows_ = 0;               // pages that came on screen (Showing::serial)
    bool next_held_ = false;                // the first page's successor waits for presented()
    bool after_transition_ = false;         // the next item is asked for when the transition ends
};

}  // namespace nb::show

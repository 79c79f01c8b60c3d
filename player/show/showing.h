// What is on screen, as the status file, `systemctl status` and a fleet link see it, and the
// observer a fleet link (proof of play) plugs into the frame loop. Pure data; no I/O.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"

namespace nb::show {

struct Showing {
    // What the loop has for the screen; while display_off_until is set the panel is dark
    // whatever this says.
    enum class State { Starting, Showing, Standby };
    State state = State::Starting;
    // The playlist of what is on screen (a new one is taken at the next page); before the
    // first page, the playlist the loop holds.
    std::optional<std::string> playlist_id, playlist_updated, playlist_sha256;
    std::optional<std::string> item_id;            // nothing on the standby screen
    int page = 0, pages = 0;                       // 1-based page of `pages`
    bool paused = false;                           // preview's space bar
    std::optional<std::string> display_off_until;  // "06:00" while display-off darkens the panel
    // The sha256 of an edition that crash-looped the player and is kept off screen while the one
    // before it stands in (ContentSource::quarantined()): the one source of the status file's
    // and the fleet's `quarantined`.
    std::optional<std::string> quarantined;
    // Grows each time a page comes on screen (also the same page again): tells one showing
    // from the next. Not part of ==.
    std::uint64_t serial = 0;

    bool operator==(const Showing& o) const;
    bool operator!=(const Showing& o) const { return !(*this == o); }
    // One line for `systemctl status`: "showing ITEM 1/3 of PLAYLIST", "display off until 06:00".
    std::string line() const;
};

// One page that stood on screen: proof of play. `start` on the wall clock, `duration` how long
// it really stood (display-off hours cut it short; the page shown again after them is a new one).
struct PageShown {
    std::string playlist_id, playlist_updated, playlist_sha256;
    std::string item_id;
    int page = 0, pages = 0;
    TimePoint start{};
    std::chrono::milliseconds duration{0};
};

// Called on the frame loop's thread: must return at once (queue the work, never block or
// throw; the loop catches and logs what escapes, and the board keeps showing).
class ShowObserver {
  public:
    virtual ~ShowObserver() = default;
    // What is on screen changed (item, page, playlist, standby, display off, pause).
    virtual void showing_changed(const Showing& now) { (void)now; }
    // A page left the screen (the next page came, the standby screen, display off, exit).
    virtual void page_shown(const PageShown& page) { (void)page; }
};

// Turns the sequence of Showing snapshots into page_shown() records: a page starts when a
// snapshot with a new serial shows an item with the panel on, and ends at the next snapshot
// that is not it. Times come in: tests drive it with a fake clock.
class PlayLog {
  public:
    using Clock = std::chrono::steady_clock;
    explicit PlayLog(ShowObserver* observer) : observer_(observer) {}
    // `now` on the loop's clock, `wall` the wall clock at the same moment.
    void update(const Showing& s, Clock::time_point now, TimePoint wall);
    // The page on screen ends (the loop stops).
    void finish(Clock::time_point now);

  private:
    ShowObserver* observer_;
    std::optional<Showing> last_;
    std::optional<PageShown> open_;
    Clock::time_point open_since_{};
};

}  // namespace nb::show

// What the frame loop decides is on screen, without a display: the proof-of-play log from the
// loop's snapshots, the status written from them, and (show/director.h) the state machine that
// picks the next page, driven by a fake clock and a fake preparer.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "show/showing.h"
#include "show/status_writer.h"

namespace {

using namespace nb;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Steady = std::chrono::steady_clock;

struct Recorder : show::ShowObserver {
    std::vector<show::Showing> changes;
    std::vector<show::PageShown> pages;
    void showing_changed(const show::Showing& s) override { changes.push_back(s); }
    void page_shown(const show::PageShown& p) override { pages.push_back(p); }
};

show::Showing page(const std::string& item, int n, int of, std::uint64_t serial) {
    show::Showing s;
    s.state = show::Showing::State::Showing;
    s.playlist_id = "news";
    s.playlist_updated = "2026-12-04T08:00:00Z";
    s.playlist_sha256 = std::string(64, 'a');
    s.item_id = item;
    s.page = n;
    s.pages = of;
    s.serial = serial;
    return s;
}

}  // namespace

TEST_CASE("proof of play: each page that stood on screen, with its start and how long", "[show-state]") {
    Recorder r;
    show::PlayLog log(&r);
    const Steady::time_point t0{};
    const TimePoint w0 = TimePoint{} + seconds(1'800'000'000);
    show::Showing starting;
    log.update(starting, t0, w0);
    REQUIRE(r.changes.size() == 1);
    REQUIRE(r.pages.empty());

    log.update(page("a", 1, 2, 1), t0 + seconds(1), w0 + seconds(1));
    log.update(page("a", 1, 2, 1), t0 + seconds(3), w0 + seconds(3));  // the same page, a later turn
    REQUIRE(r.pages.empty());
    log.update(page("a", 2, 2, 2), t0 + seconds(11), w0 + seconds(11));
    REQUIRE(r.pages.size() == 1);
    CHECK(r.pages[0].item_id == "a");
    CHECK(r.pages[0].page == 1);
    CHECK(r.pages[0].pages == 2);
    CHECK(r.pages[0].playlist_id == "news");
    CHECK(r.pages[0].start == w0 + seconds(1));
    CHECK(r.pages[0].duration == seconds(10));

    // The same page again (a one-page playlist) is a new showing: its serial differs.
    log.update(page("a", 2, 2, 3), t0 + seconds(21), w0 + seconds(21));
    REQUIRE(r.pages.size() == 2);
    CHECK(r.pages[1].duration == seconds(10));
    CHECK(r.changes.size() == 3);  // starting, a 1/2, a 2/2: the repeat changed nothing visible

    // Display off ends the page; the page standing again after it is counted anew.
    auto off = page("a", 2, 2, 3);
    off.display_off_until = "06:00";
    log.update(off, t0 + seconds(25), w0 + seconds(25));
    REQUIRE(r.pages.size() == 3);
    CHECK(r.pages[2].duration == seconds(4));
    log.update(page("a", 2, 2, 3), t0 + seconds(100), w0 + seconds(100));
    log.finish(t0 + seconds(102));
    REQUIRE(r.pages.size() == 4);
    CHECK(r.pages[3].start == w0 + seconds(100));
    CHECK(r.pages[3].duration == seconds(2));
    CHECK(r.changes.back().display_off_until == std::nullopt);
}

TEST_CASE("the status says what is on screen: standby only without a page, the line for systemd", "[show-state]") {
    show::Showing s;
    CHECK(s.line() == "starting");
    s.state = show::Showing::State::Standby;
    CHECK(s.line() == "standby: nothing to show");
    CHECK(show::status_info(s, {}).standby);
    auto p = page("weather", 2, 3, 7);
    CHECK(p.line() == "showing weather 2/3 of news");
    auto info = show::status_info(p, {"play", "https://x/p.json", "lobby", std::string("e"), std::nullopt});
    CHECK_FALSE(info.standby);
    CHECK(info.item_id == "weather");
    CHECK(info.page == 2);
    CHECK(info.mode == "play");
    CHECK(info.last_error == "e");
    p.display_off_until = "06:00";
    CHECK(p.line() == "display off until 06:00");
    CHECK(show::status_info(p, {}).display_off_until == "06:00");
}

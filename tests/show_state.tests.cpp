// What the frame loop decides is on screen, without a display: the proof-of-play log from the
// loop's snapshots, the status written from them, and (show/director.h) the state machine that
// picks the next page, driven by a fake clock and a fake preparer.
#include <catch2/catch.hpp>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "playlist/parse.h"
#include "show/director.h"
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

// ---- the Director: what is on screen next, with a fake clock and a fake preparer ----

namespace {

std::shared_ptr<const playlist::Playlist> parsed(const std::string& text) {
    Diagnostics d;
    auto p = playlist::parse(text, "show.json", playlist::MediaCheck::Structure, d);
    REQUIRE(p);
    return std::make_shared<const playlist::Playlist>(std::move(*p));
}

// Pages are made only when the test says so: a slow worker is a test that has not said it yet.
struct FakeMaker : show::PageMaker {
    std::deque<show::PrepareJob> jobs;
    std::deque<show::Prepared> done;
    std::map<std::string, int> pages_of;  // item id → pages (default 1); 0: it fails
    int duration_s = 10;
    void request(show::PrepareJob job) override { jobs.push_back(std::move(job)); }
    void cancel_pending() override { jobs.clear(); }
    std::optional<show::Prepared> collect() override {
        if (done.empty()) return std::nullopt;
        auto p = std::move(done.front());
        done.pop_front();
        return p;
    }
    // The worker finishes the oldest job.
    std::string finish() {
        REQUIRE_FALSE(jobs.empty());
        auto job = std::move(jobs.front());
        jobs.pop_front();
        show::Prepared p;
        p.playlist = job.playlist;
        p.item = job.item;
        p.max_texture = job.max_texture;
        const std::string id = job.playlist->items[job.item].id;
        const int n = pages_of.count(id) ? pages_of[id] : 1;
        for (int i = 0; i < n; ++i) {
            render::Page page;
            page.item_id = id;
            page.number = i + 1;
            page.count = n;
            page.duration_s = duration_s;
            p.pages.push_back(std::move(page));
        }
        if (n == 0) p.error = "cannot be prepared: broken";
        done.push_back(std::move(p));
        return id;
    }
};

struct Rig {
    Steady::time_point now{};
    TimePoint wall = parse_timestamp("2026-12-04T09:00:00Z").value();
    std::optional<std::string> off;  // display-off: dark until
    std::vector<std::string> failures;
    FakeMaker maker;
    show::ScheduleClock schedule{[this] { return wall; }, [] { return true; }};
    show::Director director;

    explicit Rig(show::Mode mode = show::Mode::Kiosk) : director(config(mode), maker, schedule) {}
    show::DirectorConfig config(show::Mode mode) {
        show::DirectorConfig c;
        c.mode = mode;
        c.display_off = [this](TimePoint) { return off; };
        c.item_failed = [this](const std::string& e) { failures.push_back(e); };
        return c;
    }
    void pass(Steady::duration d) {
        now += d;
        wall += std::chrono::duration_cast<std::chrono::seconds>(d);
    }
    // One turn of the loop without drawing.
    void turn(std::optional<show::Loaded> loaded = std::nullopt) {
        director.content(std::move(loaded), now);
        director.collect(now);
        director.display_window(wall);
        if (!director.off_until()) director.advance(now);
        director.presented();  // the painter draws each turn
    }
    std::string on() const {
        const auto& o = director.on();
        return o                    ? o->id + " " + std::to_string(o->page + 1) + "/" + std::to_string(o->pages->size())
               : director.standby() ? "standby"
                                    : "nothing";
    }
};

show::Loaded loaded(std::shared_ptr<const playlist::Playlist> p) {
    show::Loaded l;
    l.playlist = std::move(p);
    return l;
}

const char* kThree = R"({"version": 1, "id": "news", "items": [
    {"id": "a", "type": "index"}, {"id": "b", "type": "index", "transition": "push"},
    {"id": "c", "type": "index"}]})";

}  // namespace

TEST_CASE("the director shows each page for its time, then the next item with its transition", "[show-state]") {
    Rig r;
    r.maker.pages_of["a"] = 2;
    r.director.first(loaded(parsed(kThree)), r.now);
    r.turn();
    CHECK(r.on() == "nothing");  // asked for, not made yet: no standby screen flashes
    REQUIRE(r.maker.finish() == "a");
    r.turn();
    CHECK(r.on() == "a 1/2");
    CHECK_FALSE(r.director.transitioning());  // the first page comes with a cut
    CHECK(r.director.page_end() == r.now + seconds(10));
    // The next item is asked for while this one stands, and made ahead.
    REQUIRE(r.maker.finish() == "b");
    r.turn();
    r.pass(seconds(9));
    r.turn();
    CHECK(r.on() == "a 1/2");
    r.pass(seconds(1));
    r.turn();
    CHECK(r.on() == "a 2/2");
    CHECK(r.director.leaving()->page == 0);  // a crossfade from page 1
    CHECK(r.director.transition() == playlist::Transition::Crossfade);
    r.pass(milliseconds(800));
    r.turn();
    CHECK_FALSE(r.director.transitioning());
    r.pass(seconds(10));
    r.turn();
    CHECK(r.on() == "b 1/1");
    CHECK(r.director.transition() == playlist::Transition::Push);
    CHECK(r.director.showing().playlist_id == "news");
}

TEST_CASE("the first item is asked for as the first playlist is taken, before the loop's first turn", "[show-state]") {
    Rig r;
    r.director.first(loaded(parsed(kThree)), r.now);
    // The loop's first present (the painter's warm-up) waits for the screen: the worker makes
    // the first slide meanwhile, not after it.
    REQUIRE(r.maker.jobs.size() == 1);
    r.turn();
    CHECK(r.maker.jobs.size() == 1);  // the first turn does not ask again
    CHECK(r.on() == "nothing");
    REQUIRE(r.maker.finish() == "a");
    r.turn();
    CHECK(r.on() == "a 1/1");
}

TEST_CASE("the first page made for a guessed texture limit is made again when the display's differs", "[show-state]") {
    // show/stage.h: the first page is under way before the display (and its renderer's limit)
    // exists. Pages that limit would have made differently (a picture scaled under another
    // cap) must never reach the screen.
    Rig r;
    r.director.first(loaded(parsed(kThree)), r.now);
    REQUIRE(r.maker.jobs.size() == 1);
    CHECK(r.maker.jobs.front().max_texture == 4096);
    r.director.set_max_texture(4096);  // the guess was right: nothing is asked again
    CHECK(r.maker.jobs.size() == 1);

    SECTION("a limit that differs while the page is being made") {
        r.maker.finish();  // the worker had it in hand: its result comes all the same
        r.director.set_max_texture(2048);
        REQUIRE(r.maker.jobs.size() == 1);
        CHECK(r.maker.jobs.front().item == 0);
        CHECK(r.maker.jobs.front().max_texture == 2048);
        r.turn();
        CHECK(r.on() == "nothing");  // the page made for 4096 is dropped
        REQUIRE(r.maker.finish() == "a");
        r.turn();
        CHECK(r.on() == "a 1/1");
    }
    SECTION("a limit that differs once the page is made and not yet shown") {
        r.maker.finish();
        r.director.collect(r.now);
        r.director.set_max_texture(16384);
        REQUIRE(r.maker.jobs.size() == 1);
        CHECK(r.maker.jobs.front().max_texture == 16384);
        r.director.advance(r.now);
        CHECK(r.on() == "nothing");
        REQUIRE(r.maker.finish() == "a");
        r.turn();
        CHECK(r.on() == "a 1/1");
    }
}

TEST_CASE("the first page's successor is asked for once the first page is on screen, not before", "[show-state]") {
    Rig r;
    r.director.first(loaded(parsed(kThree)), r.now);
    r.director.collect(r.now);
    r.director.advance(r.now);
    REQUIRE(r.maker.finish() == "a");
    r.director.collect(r.now);
    r.director.advance(r.now);
    CHECK(r.on() == "a 1/1");
    CHECK(r.maker.jobs.empty());  // the worker leaves the cores to the first present
    r.director.presented();
    REQUIRE(r.maker.jobs.size() == 1);
    CHECK(r.maker.finish() == "b");
    r.director.presented();  // later presents ask for nothing more
    CHECK(r.maker.jobs.empty());
}

TEST_CASE("a slow prepare: the due page stands with no deadline to spin on until the pages come", "[show-state]") {
    Rig r;
    r.director.first(loaded(parsed(kThree)), r.now);
    r.turn();
    r.maker.finish();
    r.turn();
    CHECK(r.on() == "a 1/1");
    r.pass(seconds(10));
    r.turn();
    CHECK(r.on() == "a 1/1");            // b is not made: a stays, never black
    CHECK_FALSE(r.director.page_end());  // the loop sleeps until the worker wakes it
    r.pass(seconds(30));
    r.turn();
    CHECK_FALSE(r.director.page_end());
    REQUIRE(r.maker.finish() == "b");
    r.turn();
    CHECK(r.on() == "b 1/1");
    CHECK(r.director.page_end() == r.now + seconds(10));
}

TEST_CASE("play takes a new playlist at the next page boundary, not in the middle of a page", "[show-state]") {
    Rig r;
    r.director.first(loaded(parsed(kThree)), r.now);
    r.turn();
    r.maker.finish();
    r.turn();
    r.maker.finish();  // b, of the first playlist
    r.pass(seconds(5));
    r.turn(loaded(parsed(R"({"version": 1, "id": "news2", "items": [
        {"id": "b", "type": "index"}, {"id": "z", "type": "index"}]})")));
    CHECK(r.on() == "a 1/1");
    CHECK(r.director.showing().playlist_id == "news");  // what is on screen, not what is held
    r.pass(seconds(5));
    r.turn();  // due: news2 takes over; b (due next) is asked again from it
    CHECK(r.on() == "a 1/1");
    REQUIRE(r.maker.finish() == "b");
    r.turn();
    CHECK(r.on() == "b 1/1");
    CHECK(r.director.showing().playlist_id == "news2");
    CHECK(r.director.generation() == 2);
}

TEST_CASE("display-off: the panel is dark until the window ends, then the content comes back", "[show-state]") {
    Rig r;
    r.director.first(loaded(parsed(kThree)), r.now);
    r.turn();
    r.maker.finish();
    r.turn();
    (void)r.director.take_changed();
    r.off = "06:00";
    r.pass(seconds(1));
    r.turn();
    CHECK(r.director.off_until() == "06:00");
    CHECK(r.director.take_changed());
    CHECK_FALSE(r.director.page_end());  // no slide deadline while dark
    CHECK(r.director.showing().display_off_until == "06:00");
    r.pass(std::chrono::hours(1));
    r.turn();
    CHECK(r.on() == "a 1/1");  // nothing advanced in the dark
    r.off.reset();
    r.turn();
    CHECK(r.director.take_changed());
    CHECK_FALSE(r.director.off_until());
    r.maker.finish();
    r.turn();
    CHECK(r.on() == "b 1/1");
}

TEST_CASE("an item that cannot be prepared is skipped and named; nothing eligible is the standby screen",
          "[show-state]") {
    Rig r;
    r.maker.pages_of["a"] = 0;
    r.director.first(loaded(parsed(kThree)), r.now);
    r.turn();
    r.maker.finish();
    r.turn();
    REQUIRE(r.failures.size() == 1);
    CHECK(r.failures[0] == "a: cannot be prepared: broken");
    CHECK(r.director.last_error() == r.failures[0]);
    r.maker.finish();
    r.turn();
    CHECK(r.on() == "b 1/1");

    Rig empty;
    empty.director.first(loaded(parsed(R"({"version": 1, "id": "later", "items": [
        {"id": "x", "type": "index", "schedule": {"from": "2030-01-01"}}]})")),
                         empty.now);
    empty.turn();
    CHECK(empty.on() == "standby");
    CHECK(empty.director.showing().state == show::Showing::State::Standby);
    show::Loaded bad;
    bad.error = "p.json:1:1: error: not JSON";
    empty.turn(std::move(bad));
    CHECK(empty.director.last_error() == "p.json:1:1: error: not JSON");
    CHECK(empty.on() == "standby");
}

TEST_CASE("a new playlist that brings an urgent item interrupts at once, also when every id is new",
          "[show-state]") {
    // The fleet's correction: edition 2 renames every item and adds an urgent one. Taking it
    // chose the urgent item as "next" (which marked it seen), so the interrupt waited for the
    // page on screen to end: up to a whole page between the doorbell and the screen.
    for (const bool mid_item : {false, true}) {
        Rig r;
        if (mid_item) r.maker.pages_of["a"] = 3;
        r.director.first(loaded(parsed(kThree)), r.now);
        r.turn();
        r.maker.finish();
        r.turn();
        r.maker.finish();  // b, made ahead
        r.pass(seconds(2));
        r.turn(loaded(parsed(R"({"version": 1, "id": "news", "items": [
            {"id": "a2", "type": "index"}, {"id": "u2", "type": "index", "priority": "urgent"}]})")));
        REQUIRE(r.maker.finish() == "u2");
        r.turn();
        CHECK(r.on() == "u2 1/1");  // 2 s into a's 10 s page
        CHECK(r.director.showing().item_id == "u2");
    }
}

TEST_CASE("the item after next is asked for once the transition to the next is over", "[show-state]") {
    // Made during the transition, its decode shared the cores with the transition's frames and
    // its picture the memory with both pages' textures (issue 14's 50-megapixel run peaked there).
    Rig r;
    r.director.first(loaded(parsed(kThree)), r.now);
    r.turn();
    REQUIRE(r.maker.finish() == "a");
    r.turn();
    r.director.presented();
    REQUIRE(r.maker.finish() == "b");
    r.turn();
    r.pass(seconds(10));
    r.turn();
    CHECK(r.on() == "b 1/1");
    REQUIRE(r.director.transitioning());
    CHECK(r.maker.jobs.empty());
    r.pass(milliseconds(400));
    r.turn();
    CHECK(r.maker.jobs.empty());
    r.pass(milliseconds(400));
    r.turn();
    CHECK_FALSE(r.director.transitioning());
    REQUIRE(r.maker.jobs.size() == 1);
    CHECK(r.maker.finish() == "c");
}

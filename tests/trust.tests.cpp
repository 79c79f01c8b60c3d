// What a board refuses even when the signature is good: replays (also after the cache is
// lost), an equal "updated" with other bytes, a typo'd year, another group's playlist; and the
// edges below it: the clock predicate, the download deadline, temp files that a planted link
// cannot redirect.
#include <sys/stat.h>
#include <sys/timex.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "core/file.h"
#include "core/sha256.h"
#include "sign/sign.h"
#include "sync/clock_sync.h"
#include "sync/crash_loop.h"
#include "sync/freshness.h"
#include "sync/syncer.h"
#include "web_servers.h"

using namespace nb;

namespace {

const TimePoint kBoardNow = TimePoint(Seconds(1790000000));  // 2026-09-21T14:13:20Z

TimePoint at(const char* text) {
    auto t = parse_timestamp(text);
    REQUIRE(t.ok());
    return *t;
}

// A signed notice-only playlist site on nginx, and boards for it.
struct SignedSite {
    explicit SignedSite(const std::string& root) : root(root), nginx(root + "/nginx") {}

    void publish(const std::string& updated, const std::string& text, const std::string& id = "park",
                 const std::string& expires = "") {
        std::string json = "{\"version\": 1, \"id\": \"" + id + "\"";
        if (!updated.empty()) json += ", \"updated\": \"" + updated + "\"";
        if (!expires.empty()) json += ", \"expires\": \"" + expires + "\"";
        json += ", \"items\": [{\"id\": \"n\", \"type\": \"notice\", \"text\": \"" + text + "\"}]}\n";
        nbtest::write_file(nginx.www() + "/p.json.sig", sign::sign(json, staff.secret_key));
        nbtest::write_file(nginx.www() + "/p.json", json);
    }

    sync::Config board(const std::string& cache, const std::string& state) const {
        sync::Config c;
        c.source = nginx.url("p.json");
        c.cache_dir = root + "/" + cache;
        c.state_dir = state.empty() ? std::string() : root + "/" + state;
        c.trusted = {staff.public_key};
        c.jitter_seed = 1;
        c.clock_synchronised = [] { return true; };
        return c;
    }

    std::string root;
    nbtest::Nginx nginx;
    sign::KeyPair staff = sign::generate();
};

sync::Syncer open_board(const sync::Config& c) {
    auto s = sync::Syncer::create(c);
    REQUIRE(s.ok());
    return std::move(*s);
}

std::string text_on(const sync::Syncer& s) {
    return s.current() ? s.current()->playlist.items.at(0).text.value : std::string("(nothing)");
}

}  // namespace

TEST_CASE("the freshness rules for a signed edition", "[trust]") {
    const sync::HighWater mark{"2026-09-02T07:00:00+08:00", at("2026-09-02T07:00:00+08:00"), std::string(64, 'a')};
    using sync::ClockState;
    struct Row {
        const char* what;
        const char* updated;
        char sha;
        ClockState clock;
        const char* expires;
        const char* refused_for;  // nullptr: taken
    };
    const Row row = GENERATE(values<Row>({
        {"newer", "2026-09-03T07:00:00+08:00", 'b', ClockState::Synchronised, nullptr, nullptr},
        {"the mark's own bytes", "2026-09-02T07:00:00+08:00", 'a', ClockState::Synchronised, nullptr, nullptr},
        {"no updated", "", 'b', ClockState::Synchronised, nullptr, "must carry \"updated\""},
        {"older", "2026-09-01T07:00:00+08:00", 'b', ClockState::Synchronised, nullptr, "replay"},
        {"equal instant, other bytes", "2026-09-01T23:00:00Z", 'b', ClockState::Synchronised, nullptr,
         "the same as the edition"},
        {"a typo'd year", "2062-09-03T07:00:00+08:00", 'b', ClockState::Synchronised, nullptr,
         "more than a day ahead"},
        {"a typo'd year, clock not synchronised", "2062-09-03T07:00:00+08:00", 'b', ClockState::Unknown, nullptr,
         nullptr},
        {"less than a day ahead", "2026-09-22T10:00:00Z", 'b', ClockState::Synchronised, nullptr, nullptr},
        {"expired", "2026-09-03T07:00:00+08:00", 'b', ClockState::Synchronised, "2026-09-20T00:00:00Z", "expired"},
        {"not yet expired", "2026-09-03T07:00:00+08:00", 'b', ClockState::Synchronised, "2026-09-22T00:00:00Z",
         nullptr},
    }));
    CAPTURE(row.what);
    sync::Edition e{row.updated, {}, std::string(64, row.sha), std::nullopt};
    if (*row.updated) e.updated = at(row.updated);
    if (row.expires) e.expires = at(row.expires);
    const auto why = sync::refuse_edition("p.json", e, mark, kBoardNow, row.clock);
    if (!row.refused_for) {
        CHECK_FALSE(why);
    } else {
        REQUIRE(why);
        CHECK_THAT(*why, Catch::Contains(row.refused_for) && Catch::StartsWith("p.json: "));
    }
    // Without a mark only the missing, future and expired rules remain.
    CHECK(sync::refuse_edition("p.json", e, std::nullopt, kBoardNow, row.clock).has_value() ==
          (why && std::string(row.refused_for) != "replay" && std::string(row.refused_for) != "the same as the edition"));
}

TEST_CASE("the clock counts as synchronised only when the kernel says so", "[trust]") {
    CHECK(sync::clock_synchronised(TIME_OK, 0));
    CHECK(sync::clock_synchronised(TIME_INS, STA_PLL));
    CHECK_FALSE(sync::clock_synchronised(TIME_ERROR, STA_UNSYNC));
    CHECK_FALSE(sync::clock_synchronised(TIME_OK, STA_UNSYNC));
    CHECK_FALSE(sync::clock_synchronised(-1, 0));
}

TEST_CASE("losing the cache does not reopen replay: the high-water mark lives in the state directory", "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    SignedSite site(temp.path());
    site.publish("2026-09-02T07:00:00+08:00", "二");
    auto cfg = site.board("cache", "state");
    {
        auto board = open_board(cfg);
        auto out = board.sync_once(kBoardNow);
        INFO(out.error);
        REQUIRE(out.result == sync::SyncResult::Updated);
    }
    std::filesystem::remove_all(cfg.cache_dir);  // the SD card's cache folder is lost
    site.publish("2026-09-01T07:00:00+08:00", "一 (replayed)");
    auto board = open_board(cfg);
    auto out = board.sync_once(kBoardNow + Seconds(60));
    CHECK(out.result == sync::SyncResult::Failed);
    CHECK(out.invalid_content);
    CHECK_THAT(out.error, Catch::Contains("replay"));
    CHECK(text_on(board) == "(nothing)");

    site.publish("2026-09-03T07:00:00+08:00", "三");
    CHECK(board.sync_once(kBoardNow + Seconds(120)).result == sync::SyncResult::Updated);
    CHECK(text_on(board) == "三");
}

TEST_CASE("a switch settled later keeps its high-water mark: in memory at once, on disk at settle() or a stop",
          "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    SignedSite site(temp.path());
    site.publish("2026-09-02T07:00:00+08:00", "二");
    auto cfg = site.board("cache", "state");
    const auto mark_on_disk = [&cfg] {
        auto state = sync::BoardState::open(cfg.state_dir);
        REQUIRE(state.ok());
        auto mark = state->high_water(cfg.source);
        REQUIRE(mark.ok());
        return *mark ? (*mark)->updated_text : std::string("(none)");
    };
    {
        auto board = open_board(cfg);
        board.set_settling(sync::Syncer::Settling::Later);
        REQUIRE(board.sync_once(kBoardNow).result == sync::SyncResult::Updated);
        CHECK(text_on(board) == "二");
        CHECK(board.unsettled());
        CHECK(mark_on_disk() == "(none)");
        // The guard holds before the mark is written: an older edition is refused already.
        site.publish("2026-09-01T07:00:00+08:00", "一 (replayed)");
        CHECK(board.sync_once(kBoardNow + Seconds(60)).result == sync::SyncResult::Failed);
        board.settle();
        CHECK_FALSE(board.unsettled());
        CHECK(mark_on_disk() == "2026-09-02T07:00:00+08:00");
    }
    // The sync thread settles a few seconds after the switch, or at once when it stops.
    site.publish("2026-09-03T07:00:00+08:00", "三");
    {
        sync::SyncThread thread(open_board(cfg));
        REQUIRE(thread.wait_for_syncs(1, std::chrono::steady_clock::now() + std::chrono::seconds(60)));
        REQUIRE(thread.current());
        CHECK(thread.current()->playlist.items.at(0).text.value == "三");
    }
    CHECK(mark_on_disk() == "2026-09-03T07:00:00+08:00");
}

TEST_CASE("a damaged high-water mark does not lower the guard: the cached edition plays, new ones wait",
          "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    SignedSite site(temp.path());
    site.publish("2026-09-02T07:00:00+08:00", "二");
    auto cfg = site.board("cache", "state");
    REQUIRE(open_board(cfg).sync_once(kBoardNow).result == sync::SyncResult::Updated);
    const std::string mark = cfg.state_dir + "/high-water.json", copy = cfg.state_dir + "/high-water.copy.json";
    REQUIRE(file::exists(copy));

    SECTION("one rotten copy: the other holds the mark") {
        REQUIRE(file::write_atomic(mark, "{\"source\": \"http://x\", \"upd").ok());
        std::filesystem::remove_all(cfg.cache_dir);
        site.publish("2026-09-01T07:00:00+08:00", "一 (replayed)");
        auto board = open_board(cfg);
        auto out = board.sync_once(kBoardNow + Seconds(60));
        CHECK(out.result == sync::SyncResult::Failed);
        CHECK_THAT(out.error, Catch::Contains("replay"));
    }
    SECTION("both rotten: the cached edition plays, every new one is refused with the reason") {
        REQUIRE(file::write_atomic(mark, "\xff\xfe garbage").ok());
        REQUIRE(file::write_atomic(copy, "[]").ok());
        site.publish("2026-09-01T07:00:00+08:00", "一 (replayed)");
        auto board = open_board(cfg);
        CHECK(text_on(board) == "二");
        REQUIRE_FALSE(board.notes().empty());
        CHECK_THAT(board.notes()[0], Catch::Contains("high-water.json is damaged"));
        auto out = board.sync_once(kBoardNow + Seconds(60));
        CHECK(out.result == sync::SyncResult::Failed);
        CHECK_THAT(out.error, Catch::Contains("is damaged") && Catch::Contains("new editions are refused"));
        CHECK(text_on(board) == "二");
        CHECK_FALSE(file::read(mark, 4096).value().find("garbage") == std::string::npos);  // left for a person
    }
}

TEST_CASE("an edition past its expires is refused, and the one on screen stops at its expires", "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    SignedSite site(temp.path());
    site.publish("2026-09-20T07:00:00+08:00", "今日", "park", "2026-09-22T00:00:00+08:00");
    auto board = open_board(site.board("cache", "state"));
    REQUIRE(board.sync_once(kBoardNow).result == sync::SyncResult::Updated);
    REQUIRE(board.current()->playlist.expires);

    // The same bytes still served after it expired: the sync says so.
    auto late = board.sync_once(at("2026-09-22T00:00:01+08:00"));
    CHECK(late.result == sync::SyncResult::Failed);
    CHECK(late.invalid_content);
    CHECK_THAT(late.error, Catch::Contains("expired at 2026-09-21T16:00:00Z"));

    // A new edition that has already expired is not taken.
    site.publish("2026-09-21T07:00:00+08:00", "昨日", "park", "2026-09-21T08:00:00+08:00");
    auto stale = board.sync_once(kBoardNow + Seconds(60));
    CHECK(stale.result == sync::SyncResult::Failed);
    CHECK_THAT(stale.error, Catch::Contains("expired"));
    CHECK(text_on(board) == "今日");

    // An unsigned board honours it too.
    auto cfg = site.board("cache2", "");
    cfg.trusted.clear();
    auto open = open_board(cfg);
    CHECK_THAT(open.sync_once(kBoardNow).error, Catch::Contains("expired"));
}

TEST_CASE("a signed edition with the same updated but other bytes, or without updated, is refused", "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    SignedSite site(temp.path());
    site.publish("2026-09-02T07:00:00+08:00", "二");
    auto board = open_board(site.board("cache", "state"));
    REQUIRE(board.sync_once(kBoardNow).result == sync::SyncResult::Updated);

    site.publish("2026-09-02T07:00:00+08:00", "二 (edited, same time)");
    auto same = board.sync_once(kBoardNow + Seconds(60));
    CHECK(same.result == sync::SyncResult::Failed);
    CHECK_THAT(same.error, Catch::Contains("the bytes differ"));

    site.publish("", "no time");
    auto missing = board.sync_once(kBoardNow + Seconds(120));
    CHECK(missing.result == sync::SyncResult::Failed);
    CHECK_THAT(missing.error, Catch::Contains("must carry \"updated\""));

    site.publish("2062-09-02T07:00:00+08:00", "typo");
    auto ahead = board.sync_once(kBoardNow + Seconds(180));
    CHECK(ahead.result == sync::SyncResult::Failed);
    CHECK_THAT(ahead.error, Catch::Contains("more than a day ahead"));
    CHECK(text_on(board) == "二");

    // The typo did not raise the mark: the corrected edition is taken.
    site.publish("2026-09-03T07:00:00+08:00", "三");
    CHECK(board.sync_once(kBoardNow + Seconds(240)).result == sync::SyncResult::Updated);
    CHECK(text_on(board) == "三");
}

TEST_CASE("a picture that rotted in the cache is checked at start-up and fetched again", "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    SignedSite site(temp.path());
    auto jpg = file::read(std::string(NEWSBOARD_TEST_DATA) + "/images/exif-6.jpg", 1 << 20);
    REQUIRE(jpg.ok());
    nbtest::write_file(site.nginx.www() + "/media/a.jpg", *jpg);
    const std::string sha = sha256_hex(*jpg);
    const std::string json = "{\"version\": 1, \"id\": \"park\", \"updated\": \"2026-09-02T07:00:00+08:00\", "
                             "\"items\": [{\"id\": \"p\", \"type\": \"photo\", \"image\": {\"src\": \"media/a.jpg\", "
                             "\"sha256\": \"" + sha + "\"}}]}\n";
    nbtest::write_file(site.nginx.www() + "/p.json.sig", sign::sign(json, site.staff.secret_key));
    nbtest::write_file(site.nginx.www() + "/p.json", json);
    auto cfg = site.board("cache", "state");
    {
        auto board = open_board(cfg);
        REQUIRE(board.sync_once(kBoardNow).result == sync::SyncResult::Updated);
    }
    const std::string cached = cfg.cache_dir + "/media/" + sha;
    std::string rotten = *jpg;
    rotten[rotten.size() / 2] ^= 0x40;  // one flipped bit on the SD card
    REQUIRE(file::write_atomic(cached, rotten).ok());

    auto board = open_board(cfg);
    CHECK_FALSE(board.current());  // never the rotten bytes on screen
    REQUIRE(board.notes().size() == 1);
    CHECK_THAT(board.notes()[0], Catch::Contains("no longer matches its sha256"));
    auto out = board.sync_once(kBoardNow + Seconds(60));
    INFO(out.error);
    CHECK(out.result == sync::SyncResult::Updated);
    REQUIRE(board.current());
    CHECK(sha256_hex(*file::read(board.current()->playlist.items.at(0).image->resolved, 1 << 20)) == sha);
}

TEST_CASE("a board told its playlist id takes no other group's signed edition", "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    SignedSite site(temp.path());
    site.publish("2026-09-02T07:00:00+08:00", "东门", "park-east");
    auto cfg = site.board("cache", "");
    cfg.playlist_id = "park-west";
    auto board = open_board(cfg);
    auto out = board.sync_once(kBoardNow);
    CHECK(out.result == sync::SyncResult::Failed);
    CHECK_THAT(out.error, Catch::Contains("\"park-east\"") && Catch::Contains("only \"park-west\""));
    site.publish("2026-09-03T07:00:00+08:00", "西门", "park-west");
    CHECK(board.sync_once(kBoardNow + Seconds(60)).result == sync::SyncResult::Updated);
    CHECK(text_on(board) == "西门");
}

TEST_CASE("a download has a total deadline, not only a low-speed limit", "[trust]") {
    sync::HttpConfig c;
    c.connect_timeout = Seconds(10);
    CHECK(sync::Http::deadline_for(c, 4096) == Seconds(60));
    CHECK(sync::Http::deadline_for(c, 64ull * 1024 * 1024) == Seconds(2048 + 10));

    // A server that trickles a byte a second, above a (lowered) low-speed limit of 1 B/s.
    const nbtest::TempDir temp("nbtrust-");
    nbtest::FaultServer server(std::string(NEWSBOARD_SOURCE_DIR) + "/tests/fault_server.py", temp.path() + "/www");
    nbtest::write_file(temp.path() + "/www/p.json", std::string(4000, ' ') + "{}");
    server.set_fault("drip");
    sync::HttpConfig slow;
    slow.user_agent = "newsboard-test";
    slow.connect_timeout = Seconds(1);
    slow.low_speed_bytes_per_s = 1;
    slow.low_speed_time = Seconds(60);
    slow.min_total_time = Seconds(2);
    auto http = sync::Http::create(slow);
    REQUIRE(http.ok());
    const auto t0 = std::chrono::steady_clock::now();
    sync::Fetched f = http->get({server.url("p.json"), 8192, {}, {}}, kBoardNow);
    const auto took = std::chrono::steady_clock::now() - t0;
    REQUIRE(f.failure);
    CHECK_THAT(f.failure->text(), Catch::Contains("too slow"));
    CHECK(took < std::chrono::seconds(30));
}

TEST_CASE("an atomic write does not follow a link planted at its temp name", "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    const std::string victim = temp.path() + "/victim";
    REQUIRE(file::write_atomic(victim, "precious\n").ok());
    const std::string target = temp.path() + "/state.json";
    REQUIRE(::symlink(victim.c_str(), (target + ".tmp." + std::to_string(::getpid())).c_str()) == 0);
    REQUIRE(file::write_atomic(target, "{}\n").ok());
    CHECK(*file::read(victim, 100) == "precious\n");
    CHECK(*file::read(target, 100) == "{}\n");
}

TEST_CASE("a lock keeps a second holder off a folder until the first lets go", "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    const std::string path = temp.path() + "/lock";
    {
        auto first = file::Lock::take(path);
        REQUIRE(first.ok());
        auto second = file::Lock::take(path);
        REQUIRE_FALSE(second.ok());
        CHECK_THAT(second.error(), Catch::Contains("locked by process " + std::to_string(::getpid())));
    }
    CHECK(file::Lock::take(path).ok());
}

TEST_CASE("three crashes of one edition within minutes quarantine it; another edition lifts it", "[trust]") {
    const std::string a(64, 'a'), b(64, 'b'), c(64, 'c');
    const TimePoint t0 = kBoardNow;
    sync::CrashRecord r = sync::started(sync::after_start({}, t0), a, t0);
    for (int crash = 1; crash <= 3; ++crash) {  // each start finds the last run's marker: a crash
        const TimePoint t = t0 + Seconds(30 * crash);
        r = sync::after_start(r, t);
        CHECK(r.crashes.size() == static_cast<std::size_t>(crash));
        CHECK(sync::is_quarantined(r, a) == (crash == 3));
        r = sync::started(r, sync::is_quarantined(r, a) ? b : a, t);
    }
    CHECK_FALSE(sync::is_quarantined(r, b));  // the fallback runs
    // The fallback crashing too joins the quarantine (the board then shows its standby screen).
    SECTION("a new edition lifts it") {
        r = sync::lifted(sync::took(r, c));
        CHECK(r.quarantined.empty());
        CHECK(r.running->sha256 == c);
    }
    SECTION("the loop loading the fallback does not lift it") {
        // The loop loads the stand-in as it loads any edition; had that lifted the quarantine,
        // the next start after ten healthy minutes (crashes forgiven) would play the crashing
        // edition again.
        r = sync::took(r, b);
        CHECK(sync::is_quarantined(r, a));
        CHECK(r.running->sha256 == b);
    }
    SECTION("a clean exit is no crash; a healthy run forgives") {
        r = sync::after_start(sync::clean_exit(r), t0 + Seconds(200));
        CHECK(r.crashes.size() == 3);
        r = sync::started(r, b, t0 + Seconds(200));
        CHECK_FALSE(sync::forgive_when_healthy(r, t0 + Seconds(300)));
        CHECK(sync::forgive_when_healthy(r, t0 + Seconds(200) + sync::kHealthyAfter));
        CHECK(r.crashes.empty());
        CHECK(sync::is_quarantined(r, a));  // only a new edition lifts it
    }
}

TEST_CASE("crashes further apart than the window never quarantine", "[trust]") {
    const std::string a(64, 'a');
    sync::CrashRecord r;
    for (int i = 0; i < 6; ++i) {
        const TimePoint t = kBoardNow + sync::kCrashWindow * i + Seconds(i);
        r = sync::started(sync::after_start(r, t), a, t);
        CHECK_FALSE(sync::is_quarantined(r, a));
    }
    // A run without an edition (standby) quarantines nothing.
    sync::CrashRecord none;
    for (int i = 0; i < 4; ++i) none = sync::started(sync::after_start(none, kBoardNow), "", kBoardNow);
    CHECK(none.quarantined.empty());
}

TEST_CASE("the crash record survives in the state directory; a damaged one counts afresh", "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    auto state = sync::BoardState::open(temp.path() + "/state");
    REQUIRE(state.ok());
    sync::CrashRecord r = sync::started({}, std::string(64, 'a'), kBoardNow);
    r.crashes.push_back({std::string(64, 'a'), kBoardNow - Seconds(5)});
    r.quarantined.push_back(std::string(64, 'b'));
    REQUIRE(state->set_crash_record(r).ok());
    bool damaged = true;
    const auto back = state->crash_record(&damaged);
    CHECK_FALSE(damaged);
    REQUIRE(back.running);
    CHECK(back.running->sha256 == std::string(64, 'a'));
    CHECK(back.running->since == kBoardNow);
    CHECK(back.crashes.size() == 1);
    CHECK(back.quarantined == r.quarantined);
    REQUIRE(file::write_atomic(temp.path() + "/state/crash-loop.json", "{\"crashes\": 5}").ok());
    CHECK(state->crash_record(&damaged).crashes.empty());
    CHECK(damaged);
}

TEST_CASE("a quarantined edition gives way to the previous one until another edition is taken", "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    SignedSite site(temp.path());
    auto cfg = site.board("cache", "state");
    site.publish("2026-09-01T07:00:00+08:00", "一");
    std::string crashing;
    {
        auto board = open_board(cfg);
        REQUIRE(board.sync_once(kBoardNow).result == sync::SyncResult::Updated);
        site.publish("2026-09-02T07:00:00+08:00", "二 (crashes the player)");
        REQUIRE(board.sync_once(kBoardNow + Seconds(60)).result == sync::SyncResult::Updated);
        crashing = board.current()->sha256;
    }
    cfg.quarantined = {crashing};
    auto board = open_board(cfg);
    CHECK(text_on(board) == "一");
    REQUIRE_FALSE(board.notes().empty());
    CHECK_THAT(board.notes()[0], Catch::Contains("quarantined") && Catch::Contains("previous edition"));
    auto out = board.sync_once(kBoardNow + Seconds(120));  // the server still serves it
    CHECK(out.result == sync::SyncResult::Failed);
    CHECK_THAT(out.error, Catch::Contains("quarantined"));
    CHECK(out.quarantined == crashing);
    CHECK(text_on(board) == "一");

    site.publish("2026-09-03T07:00:00+08:00", "三");
    auto fixed = board.sync_once(kBoardNow + Seconds(180));
    INFO(fixed.error);
    CHECK(fixed.result == sync::SyncResult::Updated);
    CHECK(fixed.quarantined.empty());
    CHECK(text_on(board) == "三");
    // The crashing edition's files went; the fallback stays as the new one's previous.
    CHECK_FALSE(file::exists(cfg.cache_dir + "/playlists/" + crashing));
}

namespace {

// A signed edition of photos (each name under www/media/, pinned as given or by its bytes).
void publish_photos(SignedSite& site, const std::string& updated, const std::vector<std::string>& names,
                    const std::string& wrong_pin_for = "") {
    std::string items;
    for (const auto& name : names) {
        auto bytes = file::read(site.nginx.www() + "/media/" + name, 64 << 20);
        REQUIRE(bytes.ok());
        const std::string pin = name == wrong_pin_for ? std::string(64, '0') : sha256_hex(*bytes);
        items += std::string(items.empty() ? "" : ", ") + "{\"id\": \"" + name.substr(0, name.find('.')) +
                 "\", \"type\": \"photo\", \"image\": {\"src\": \"media/" + name + "\", \"sha256\": \"" +
                 pin + "\"}}";
    }
    const std::string json =
        "{\"version\": 1, \"id\": \"park\", \"updated\": \"" + updated + "\", \"items\": [" + items + "]}\n";
    nbtest::write_file(site.nginx.www() + "/p.json.sig", sign::sign(json, site.staff.secret_key));
    nbtest::write_file(site.nginx.www() + "/p.json", json);
}

std::size_t media_files(const std::string& cache) {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(cache + "/media")) n += e.is_regular_file() ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("an edition too big for --cache-max is refused before the rest is downloaded; the one shown stays",
          "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    SignedSite site(temp.path());
    auto jpg = file::read(std::string(NEWSBOARD_TEST_DATA) + "/images/exif-6.jpg", 1 << 20);
    REQUIRE(jpg.ok());
    nbtest::write_file(site.nginx.www() + "/media/small.jpg", *jpg);
    std::string big(3 << 20, '\0');  // 3 MiB that no decoder sees: the budget stops it first
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 2654435761u >> 24);
    nbtest::write_file(site.nginx.www() + "/media/big.jpg", big);
    auto cfg = site.board("cache", "state");
    cfg.cache_max_bytes = 1 << 20;
    auto board = open_board(cfg);
    publish_photos(site, "2026-09-01T07:00:00+08:00", {"small.jpg"});
    REQUIRE(board.sync_once(kBoardNow).result == sync::SyncResult::Updated);
    const std::string shown = board.current()->sha256;

    publish_photos(site, "2026-09-02T07:00:00+08:00", {"small.jpg", "big.jpg"});
    auto out = board.sync_once(kBoardNow + Seconds(60));
    CHECK(out.result == sync::SyncResult::Failed);
    CHECK_THAT(out.error, Catch::Contains("cache's limit of 1024 KiB") && Catch::Contains("--cache-max"));
    CHECK(out.body_bytes < (2u << 20));  // stopped as the running total passed the limit
    CHECK(board.current()->sha256 == shown);
    CHECK(media_files(cfg.cache_dir) == 1);  // nothing of the refused edition left behind
}

TEST_CASE("the media of a failed sync are collected, never those of the shown or previous edition", "[trust]") {
    const nbtest::TempDir temp("nbtrust-");
    SignedSite site(temp.path());
    auto jpg = file::read(std::string(NEWSBOARD_TEST_DATA) + "/images/exif-6.jpg", 1 << 20);
    REQUIRE(jpg.ok());
    for (const char* name : {"exif-1.jpg", "exif-3.jpg", "exif-6.jpg", "exif-8.jpg"})  // four files, other bytes
        nbtest::write_file(site.nginx.www() + "/media/" + name, *jpg + name);
    auto cfg = site.board("cache", "state");
    auto board = open_board(cfg);
    publish_photos(site, "2026-09-01T07:00:00+08:00", {"exif-1.jpg"});
    REQUIRE(board.sync_once(kBoardNow).result == sync::SyncResult::Updated);
    publish_photos(site, "2026-09-02T07:00:00+08:00", {"exif-3.jpg"});
    REQUIRE(board.sync_once(kBoardNow + Seconds(60)).result == sync::SyncResult::Updated);
    CHECK(media_files(cfg.cache_dir) == 2);  // shown + previous

    // exif-6 downloads, then exif-8's pin is wrong: the edition is refused.
    publish_photos(site, "2026-09-03T07:00:00+08:00", {"exif-6.jpg", "exif-8.jpg"}, "exif-8.jpg");
    auto out = board.sync_once(kBoardNow + Seconds(120));
    CHECK(out.result == sync::SyncResult::Failed);
    CHECK(out.invalid_content);
    CHECK(media_files(cfg.cache_dir) == 2);
    CHECK(file::exists(board.current()->playlist.items.at(0).image->resolved));

    // A restart finds the cache as it was: the shown edition and its fallback.
    auto again = open_board(cfg);
    CHECK(media_files(cfg.cache_dir) == 2);
    CHECK(again.current()->sha256 == board.current()->sha256);
}

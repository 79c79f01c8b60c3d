// Sync and cache against real servers on 127.0.0.1: nginx for what a real site does, and
// tests/fault_server.py for what goes wrong. For every fault the current playlist stays the
// last good one, the error names the cause, and once the fault clears the sync converges.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "core/file.h"
#include "core/sha256.h"
#include "sign/sign.h"
#include "sync/revalidation.h"
#include "sync/sync_log.h"
#include "sync/syncer.h"
#include "web_servers.h"

using namespace nb;
using nbtest::write_file;

namespace {

const TimePoint kNow = TimePoint(Seconds(1790000000));  // 2026-09-21, a plausible board clock

std::string picture() {
    auto bytes = file::read(std::string(NEWSBOARD_TEST_DATA) + "/images/exif-6.jpg", 1 << 20);
    REQUIRE(bytes.ok());
    return *bytes;
}

// A playlist with a notice and a photo whose picture is media/NAME.
std::string playlist_text(const std::string& updated, const std::string& headline, const std::string& media,
                          const std::string& sha256) {
    std::string image = "\"media/" + media + "\"";
    if (!sha256.empty()) image = "{\"src\": \"media/" + media + "\", \"sha256\": \"" + sha256 + "\"}";
    return "{\n  \"version\": 1,\n  \"id\": \"sync-test\",\n  \"updated\": \"" + updated +
           "\",\n  \"items\": [\n    {\"id\": \"n\", \"type\": \"notice\", \"headline\": \"" + headline +
           "\", \"text\": \"停水通知\"},\n    {\"id\": \"p\", \"type\": \"photo\", \"headline\": \"郁金香\", "
           "\"image\": " +
           image + "}\n  ]\n}\n";
}

sync::Config config_for(const std::string& url, const std::string& cache) {
    sync::Config c;
    c.source = url;
    c.cache_dir = cache;
    c.board_id = "test-board";
    c.poll = Seconds(60);
    c.jitter_seed = 7;
    c.http.connect_timeout = Seconds(5);
    c.http.low_speed_time = Seconds(5);
    return c;
}

sync::Syncer make_syncer(const sync::Config& c) {
    auto s = sync::Syncer::create(c);
    REQUIRE(s.ok());
    return std::move(*s);
}

std::string headline_of(const sync::CachedPlaylist& p) {
    return p.playlist.items.at(0).headline.value;
}

// What a board restarted from this cache would show, without any network.
std::string headline_after_restart(const sync::Config& c) {
    auto again = make_syncer(c);
    REQUIRE(again.current());
    return headline_of(*again.current());
}

// nginx serving media/a.jpg, and the staff's key to sign playlists with.
struct SignedSite {
    nbtest::TempDir temp{"nbsync-"};
    nbtest::Nginx nginx{temp.path() + "/nginx"};
    std::string jpg = picture();
    std::string sha = sha256_hex(jpg);
    sign::KeyPair staff = sign::generate();
    SignedSite() { write_file(nginx.www() + "/media/a.jpg", jpg); }
    // p.json signed by `key`, the signature first.
    void publish(const std::string& text, const sign::SecretKey& key) {
        write_file(nginx.www() + "/p.json.sig", sign::sign(text, key));
        write_file(nginx.www() + "/p.json", text);
    }
};

}  // namespace

TEST_CASE("a board fetches a playlist and its media from nginx, and a poll of an unchanged one costs no body",
          "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    const std::string& root = temp.path();
    nbtest::Nginx nginx(root + "/nginx");
    const std::string jpg = picture();
    write_file(nginx.www() + "/media/a.jpg", jpg);
    write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T07:00:00+08:00", "第一版", "a.jpg", ""));
    const auto cfg = config_for(nginx.url("p.json"), root + "/cache");
    auto syncer = make_syncer(cfg);
    CHECK_FALSE(syncer.current());
    CHECK_THAT(syncer.notes().at(0), Catch::Contains("unauthenticated"));

    auto first = syncer.sync_once(kNow);
    INFO(first.error);
    REQUIRE(first.result == sync::SyncResult::Updated);
    REQUIRE(syncer.current());
    CHECK(headline_of(*syncer.current()) == "第一版");
    const std::string cached_path = syncer.current()->playlist.items.at(1).image->resolved;
    CHECK(cached_path == root + "/cache/media/" + sha256_hex(jpg));
    CHECK(*file::read(cached_path, 1 << 20) == jpg);
    CHECK(first.next_in <= Seconds(60));
    CHECK(first.next_in >= Seconds(45));

    auto poll = syncer.sync_once(kNow + Seconds(60));
    CHECK(poll.result == sync::SyncResult::Unchanged);
    // A fleet that synced together (a doorbell, a power cut) must not poll in step for ever:
    // each next poll is the interval less up to a quarter at random, never more.
    std::set<std::int64_t> waits{first.next_in.count(), poll.next_in.count()};
    for (int i = 2; i < 12; ++i) {
        auto again = syncer.sync_once(kNow + Seconds(60 * i));
        CHECK(again.next_in <= Seconds(60));
        CHECK(again.next_in >= Seconds(45));
        waits.insert(again.next_in.count());
    }
    CHECK(waits.size() > 1);
    CHECK_THAT(sync::describe(poll), Catch::StartsWith("sync: unchanged (1 request, 0.2 KiB,"));
    // nginx logs a request just after answering it: wait for the line, with a deadline.
    const std::string logged = "\"GET /p.json HTTP/1.1\" 304 0 \"-\" \"newsboard/0 (test-board)\"";
    std::string log;
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
         log.find(logged) == std::string::npos && std::chrono::steady_clock::now() < deadline;
         std::this_thread::yield())
        log = file::read(root + "/nginx/access.log", 1 << 20).value();
    CHECK_THAT(log, Catch::Contains(logged));
    CHECK(poll.requests == 1);
    CHECK(poll.body_bytes == 0);
    std::printf("304 poll against nginx: %llu body bytes, %llu header bytes received, %llu bytes sent, %.3f ms\n",
                static_cast<unsigned long long>(poll.body_bytes), static_cast<unsigned long long>(poll.header_bytes),
                static_cast<unsigned long long>(poll.request_bytes), poll.elapsed.count() / 1000.0);

    SECTION("an edit on the server becomes current at the next poll") {
        write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T08:00:00+08:00", "第二版", "a.jpg", ""));
        auto edited = syncer.sync_once(kNow + Seconds(120));
        CHECK(edited.result == sync::SyncResult::Updated);
        CHECK(headline_of(*syncer.current()) == "第二版");
        CHECK(headline_after_restart(cfg) == "第二版");
    }
    SECTION("media of neither the current nor the previous playlist leave the cache") {
        auto media_files = [&] {
            std::set<std::string> names;
            for (const auto& e : std::filesystem::directory_iterator(root + "/cache/media"))
                names.insert(e.path().filename().string());
            return names;
        };
        const std::string b = jpg + "b", c = jpg + "c";
        write_file(nginx.www() + "/media/b.jpg", b);
        write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T08:00:00+08:00", "第二版", "b.jpg", ""));
        REQUIRE(syncer.sync_once(kNow + Seconds(120)).result == sync::SyncResult::Updated);
        CHECK(media_files() == std::set<std::string>{sha256_hex(jpg), sha256_hex(b)});
        write_file(nginx.www() + "/media/c.jpg", c);
        write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T09:00:00+08:00", "第三版", "c.jpg", ""));
        REQUIRE(syncer.sync_once(kNow + Seconds(180)).result == sync::SyncResult::Updated);
        CHECK(media_files() == std::set<std::string>{sha256_hex(b), sha256_hex(c)});
        CHECK(headline_after_restart(cfg) == "第三版");
    }
    SECTION("with the server gone the board keeps showing, and starts from, the cached playlist") {
        nginx.stop();
        auto down = syncer.sync_once(kNow + Seconds(120));
        CHECK(down.result == sync::SyncResult::Failed);
        CHECK(down.retry == sync::Retry::Soon);
        CHECK_THAT(down.error, Catch::Contains("nothing answers"));
        CHECK(headline_of(*syncer.current()) == "第一版");
        CHECK(headline_after_restart(cfg) == "第一版");
    }
    SECTION("a 404 is reported with what to do, and the board keeps its playlist") {
        std::filesystem::remove(nginx.www() + "/p.json");
        auto gone = syncer.sync_once(kNow + Seconds(120));
        CHECK(gone.result == sync::SyncResult::Failed);
        CHECK(gone.retry == sync::Retry::NextPoll);
        CHECK_THAT(gone.error, Catch::Contains("HTTP 404") && Catch::Contains("upload"));
        CHECK(headline_of(*syncer.current()) == "第一版");
    }
}

TEST_CASE("a cache quota lets the previous playlist's media go first, never the current one's; an edition over it is refused", "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    const std::string& root = temp.path();
    nbtest::Nginx nginx(root + "/nginx");
    const std::string jpg = picture();
    auto cfg = config_for(nginx.url("p.json"), root + "/cache");
    cfg.cache_max_bytes = 500 * 1024;
    auto syncer = make_syncer(cfg);
    auto media_files = [&] {
        std::set<std::string> names;
        for (const auto& e : std::filesystem::directory_iterator(root + "/cache/media"))
            names.insert(e.path().filename().string());
        return names;
    };
    auto edition = [&](const std::string& name, const std::string& bytes, int hour) {
        write_file(nginx.www() + "/media/" + name, bytes);
        write_file(nginx.www() + "/p.json",
                   playlist_text("2026-09-01T0" + std::to_string(hour) + ":00:00+08:00", name, name, ""));
        auto out = syncer.sync_once(kNow + Seconds(60 * hour));
        INFO(out.error);
        REQUIRE(out.result == sync::SyncResult::Updated);
    };
    const std::string a = jpg + std::string(100 * 1024, 'a'), b = jpg + std::string(100 * 1024, 'b'),
                      c = jpg + std::string(450 * 1024, 'c'), huge = jpg + std::string(700 * 1024, 'h');
    edition("a.jpg", a, 1);
    edition("b.jpg", b, 2);
    CHECK(media_files() == std::set<std::string>{sha256_hex(a), sha256_hex(b)});  // 200 KiB: both fit
    edition("c.jpg", c, 3);
    CHECK(media_files() == std::set<std::string>{sha256_hex(c)});  // b and c would be 550 KiB
    CHECK(syncer.current()->playlist.items.at(1).image->resolved == root + "/cache/media/" + sha256_hex(c));
    // More than the quota on its own: refused before it is all downloaded, nothing of it kept,
    // and the board restarts from the edition it showed.
    write_file(nginx.www() + "/media/huge.jpg", huge);
    write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T04:00:00+08:00", "huge.jpg", "huge.jpg", ""));
    auto out = syncer.sync_once(kNow + Seconds(240));
    CHECK(out.result == sync::SyncResult::Failed);
    CHECK_THAT(out.error, Catch::Contains("cache's limit of 500 KiB"));
    CHECK(media_files() == std::set<std::string>{sha256_hex(c)});
    CHECK(headline_after_restart(cfg) == "c.jpg");
}

TEST_CASE("with trusted keys only signed, current, fully pinned content reaches the screen", "[sync]") {
    SignedSite site;
    const std::string& root = site.temp.path();
    nbtest::Nginx& nginx = site.nginx;
    const std::string& jpg = site.jpg;
    const std::string& sha = site.sha;
    const sign::KeyPair& staff = site.staff;
    const sign::KeyPair stranger = sign::generate();
    auto publish = [&site](const std::string& text, const sign::SecretKey& key) { site.publish(text, key); };
    publish(playlist_text("2026-09-01T07:00:00+08:00", "签名一", "a.jpg", sha), staff.secret_key);
    auto cfg = config_for(nginx.url("p.json"), root + "/cache");
    cfg.trusted = {staff.public_key};
    auto syncer = make_syncer(cfg);
    CHECK(syncer.notes().empty());
    auto first = syncer.sync_once(kNow);
    INFO(first.error);
    REQUIRE(first.result == sync::SyncResult::Updated);

    using Row = std::tuple<std::string, std::string>;
    auto [fault, expected] = GENERATE(table<std::string, std::string>({
        Row{"a changed byte after signing", "does not match"},
        Row{"signed by a key the board does not trust", "does not match"},
        Row{"an older playlist, properly signed", "older than"},
        Row{"media whose bytes are not the pinned ones", "the playlist pins"},
        Row{"media without sha256", "has no \"sha256\""},
        Row{"no signature at all", "HTTP 404"},
    }));
    CAPTURE(fault);
    const std::string later = "2026-09-02T07:00:00+08:00";
    if (fault == "a changed byte after signing") {
        const std::string text = playlist_text(later, "签名二", "a.jpg", sha);
        publish(text, staff.secret_key);
        std::string changed = text;
        changed.replace(changed.find("签名二"), 9, "篡改二");
        write_file(nginx.www() + "/p.json", changed);
    } else if (fault == "signed by a key the board does not trust") {
        publish(playlist_text(later, "签名二", "a.jpg", sha), stranger.secret_key);
    } else if (fault == "an older playlist, properly signed") {
        publish(playlist_text("2026-08-01T07:00:00+08:00", "旧版", "a.jpg", sha), staff.secret_key);
    } else if (fault == "media whose bytes are not the pinned ones") {
        // (A pin of bytes already in the cache would not be fetched at all: content addressing.)
        write_file(nginx.www() + "/media/b.jpg", jpg + "x");
        publish(playlist_text(later, "签名二", "b.jpg", sha256_hex(jpg + "y")), staff.secret_key);
    } else if (fault == "media without sha256") {
        publish(playlist_text(later, "签名二", "a.jpg", ""), staff.secret_key);
    } else {
        write_file(nginx.www() + "/p.json", playlist_text(later, "签名二", "a.jpg", sha));
        std::filesystem::remove(nginx.www() + "/p.json.sig");
    }
    auto bad = syncer.sync_once(kNow + Seconds(60));
    CHECK(bad.result == sync::SyncResult::Failed);
    CHECK_THAT(bad.error, Catch::Contains(expected));
    CHECK(headline_of(*syncer.current()) == "签名一");
    CHECK(headline_after_restart(cfg) == "签名一");
    // Polling again while the fault stays changes nothing.
    CHECK(syncer.sync_once(kNow + Seconds(120)).result == sync::SyncResult::Failed);
    CHECK(headline_of(*syncer.current()) == "签名一");

    // Staff fix it: a newer playlist, pinned and signed with the trusted key.
    publish(playlist_text("2026-09-03T07:00:00+08:00", "签名三", "a.jpg", sha), staff.secret_key);
    auto fixed = syncer.sync_once(kNow + Seconds(180));
    INFO(fixed.error);
    CHECK(fixed.result == sync::SyncResult::Updated);
    CHECK(headline_of(*syncer.current()) == "签名三");
    CHECK(headline_after_restart(cfg) == "签名三");
}

TEST_CASE("a cached edition's pinned pictures are found by their pin, whatever URL the cache names them by", "[sync]") {
    // A cache written by a version that made other URLs of some names (before '%', '?' and '#'
    // in a picture's name were encoded): a board restarted offline still shows its edition.
    SignedSite site;
    const std::string& root = site.temp.path();
    site.publish(playlist_text("2026-09-01T07:00:00+08:00", "签名一", "a.jpg", site.sha), site.staff.secret_key);
    auto cfg = config_for(site.nginx.url("p.json"), root + "/cache");
    cfg.trusted = {site.staff.public_key};
    REQUIRE(make_syncer(cfg).sync_once(kNow).result == sync::SyncResult::Updated);
    site.nginx.stop();
    auto cache = sync::Cache::open(root + "/cache");
    REQUIRE(cache.ok());
    auto stored = cache->current();
    REQUIRE(stored.ok());
    REQUIRE(*stored);
    sync::Current older = **stored;
    std::map<std::string, std::string> renamed;
    for (const auto& [url, sha] : older.media) renamed[url + "#as-an-older-version-named-it"] = sha;
    older.media = renamed;
    REQUIRE(cache->set_current(older));
    CHECK(headline_after_restart(cfg) == "签名一");
}

TEST_CASE("a cached edition's unpinned pictures named with '%', '?' or '#' play offline, from any version's cache",
          "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    const std::string& root = temp.path();
    nbtest::Nginx nginx(root + "/nginx");
    write_file(nginx.www() + "/media/50%?#1.jpg", picture());
    write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T07:00:00+08:00", "离线", "50%?#1.jpg", ""));
    const auto cfg = config_for(nginx.url("p.json"), root + "/cache");
    REQUIRE(make_syncer(cfg).sync_once(kNow).result == sync::SyncResult::Updated);
    nginx.stop();

    SECTION("a cache this version wrote") {}
    SECTION("a cache written before '%', '?' and '#' in a name were encoded: it names the picture as written") {
        auto cache = sync::Cache::open(root + "/cache");
        REQUIRE(cache.ok());
        auto stored = cache->current();
        REQUIRE((stored.ok() && *stored));
        sync::Current older = **stored;
        REQUIRE(older.media.count(nginx.url("media/50%25%3F%231.jpg")) == 1);
        older.media = {{nginx.url("media/50%?#1.jpg"), older.media.begin()->second}};
        REQUIRE(cache->set_current(older));
    }
    auto restarted = make_syncer(cfg);
    INFO((restarted.notes().empty() ? std::string() : restarted.notes().back()));
    REQUIRE(restarted.current());
    CHECK(headline_of(*restarted.current()) == "离线");
    CHECK(restarted.current()->playlist.items.at(1).image->resolved == root + "/cache/media/" + sha256_hex(picture()));
}

TEST_CASE("a redirect that moves makes its landing the edition's location, though the validators are the same",
          "[sync]") {
    // p.json is sent on to a/p.json, later to b/p.json: the same bytes with the same ETag (mtime
    // and size), but relative pictures now live beside b/p.json.
    const nbtest::TempDir temp("nbsync-");
    const std::string& root = temp.path();
    nbtest::Nginx nginx(root + "/nginx",
                        "    location = /p.json {\n      if (-f $document_root/to-b) { return 302 /b/p.json; }\n"
                        "      return 302 /a/p.json;\n    }\n");
    const std::string text = playlist_text("2026-09-01T07:00:00+08:00", "搬家", "x.jpg", "");
    const std::string at_b = picture() + "b";  // other bytes after the JPEG's end
    write_file(nginx.www() + "/a/media/x.jpg", picture());
    write_file(nginx.www() + "/b/media/x.jpg", at_b);
    write_file(nginx.www() + "/a/p.json", text);
    write_file(nginx.www() + "/b/p.json", text);
    std::filesystem::last_write_time(nginx.www() + "/b/p.json",
                                     std::filesystem::last_write_time(nginx.www() + "/a/p.json"));
    const auto cfg = config_for(nginx.url("p.json"), root + "/cache");
    auto syncer = make_syncer(cfg);
    REQUIRE(syncer.sync_once(kNow).result == sync::SyncResult::Updated);

    write_file(nginx.www() + "/to-b", "");
    auto moved = syncer.sync_once(kNow + Seconds(60));
    INFO(moved.error);
    REQUIRE(moved.result != sync::SyncResult::Failed);
    const std::string b_path = root + "/cache/media/" + sha256_hex(at_b);
    CHECK(syncer.current()->playlist.items.at(1).image->resolved == b_path);
    auto cache = sync::Cache::open(root + "/cache");
    REQUIRE(cache.ok());
    auto stored = cache->current();
    REQUIRE((stored.ok() && *stored));
    CHECK((*stored)->location == nginx.url("b/p.json"));
    nginx.stop();
    auto restarted = make_syncer(cfg);
    REQUIRE(restarted.current());
    CHECK(restarted.current()->playlist.items.at(1).image->resolved == b_path);
}

TEST_CASE("keys that cannot be read trust nothing: nothing is fetched, only a signed cached edition plays", "[sync]") {
    SignedSite site;
    auto publish = [&site](const std::string& text) { site.publish(text, site.staff.secret_key); };
    publish(playlist_text("2026-09-01T07:00:00+08:00", "签名一", "a.jpg", site.sha));
    // One cache filled with the key (the signature stored), one without (none stored).
    auto with_key = config_for(site.nginx.url("p.json"), site.temp.path() + "/signed");
    with_key.trusted = {site.staff.public_key};
    auto without_key = config_for(site.nginx.url("p.json"), site.temp.path() + "/unsigned");
    for (const auto& c : {with_key, without_key}) {
        auto filling = make_syncer(c);
        REQUIRE(filling.sync_once(kNow).result == sync::SyncResult::Updated);
    }
    publish(playlist_text("2026-09-02T07:00:00+08:00", "签名二", "a.jpg", site.sha));

    const std::string why = "/etc/newsboard/newsboard.conf:2:1: trusted key: cannot open /missing.pub";
    auto unreadable = [&why](sync::Config c) {
        c.trusted.clear();
        c.keys_unreadable = why;
        return c;
    };
    auto signed_cache = make_syncer(unreadable(with_key));
    CHECK(signed_cache.config().authenticated());
    REQUIRE(signed_cache.current());
    CHECK(headline_of(*signed_cache.current()) == "签名一");  // checked when it was taken
    const auto refused = signed_cache.sync_once(kNow + Seconds(60));
    CHECK(refused.result == sync::SyncResult::Failed);
    CHECK(refused.error == why);
    CHECK(refused.requests == 0);  // refused before anything is fetched
    CHECK(headline_of(*signed_cache.current()) == "签名一");

    auto unsigned_cache = make_syncer(unreadable(without_key));
    CHECK_FALSE(unsigned_cache.current());
    REQUIRE(unsigned_cache.notes().size() == 1);
    CHECK_THAT(unsigned_cache.notes()[0], Catch::Contains("taken without a signature"));
    CHECK(unsigned_cache.sync_once(kNow + Seconds(60)).error == why);
    CHECK_FALSE(unsigned_cache.current());
}

TEST_CASE("server faults leave the last good playlist on screen, and the sync converges when they clear", "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    const std::string& root = temp.path();
    nbtest::FaultServer server(std::string(NEWSBOARD_SOURCE_DIR) + "/tests/fault_server.py", root + "/www");
    const std::string jpg = picture();
    write_file(root + "/www/media/a.jpg", jpg);
    write_file(root + "/www/p.json", playlist_text("2026-09-01T07:00:00+08:00", "好的", "a.jpg", ""));
    auto cfg = config_for(server.url("p.json"), root + "/cache");
    cfg.max_playlist_bytes = 64 * 1024;
    cfg.http.low_speed_time = Seconds(2);  // a byte a second is given up on after 2 s
    auto syncer = make_syncer(cfg);
    auto first = syncer.sync_once(kNow);
    INFO(first.error);
    REQUIRE(first.result == sync::SyncResult::Updated);

    using Row = std::tuple<std::string, std::string, sync::Retry>;
    auto [fault, expected, retry] = GENERATE(table<std::string, std::string, sync::Retry>({
        Row{"500", "HTTP 500", sync::Retry::Soon},
        Row{"cut", "broke off", sync::Retry::Soon},
        Row{"huge", "more than the limit", sync::Retry::NextPoll},
        Row{"loop", "redirected too many times", sync::Retry::NextPoll},
        Row{"drip", "too slow", sync::Retry::Soon},
    }));
    CAPTURE(fault);
    write_file(root + "/www/p.json", playlist_text("2026-09-02T07:00:00+08:00", "新的", "a.jpg", ""));
    server.set_fault(fault);
    auto bad = syncer.sync_once(kNow + Seconds(60));
    CHECK(bad.result == sync::SyncResult::Failed);
    CHECK_THAT(bad.error, Catch::Contains(expected));
    CHECK_THAT(sync::describe(bad), Catch::StartsWith("sync: failed: ") && Catch::EndsWith(" s"));
    CHECK(bad.retry == retry);
    CHECK(bad.body_bytes < 1000);  // a 2 GB promise is refused before the body, not after
    CHECK(headline_of(*syncer.current()) == "好的");
    CHECK(headline_after_restart(cfg) == "好的");

    server.set_fault("none");
    auto fixed = syncer.sync_once(kNow + Seconds(120));
    INFO(fixed.error);
    CHECK(fixed.result == sync::SyncResult::Updated);
    CHECK(headline_of(*syncer.current()) == "新的");
}

TEST_CASE("a validator header that is not UTF-8 is dropped, and the sync goes on", "[sync]") {
    // ETag: "\xff\xfe" once aborted `play URL` (nlohmann's type_error 316 on the sync thread).
    const nbtest::TempDir temp("nbsync-");
    const std::string& root = temp.path();
    nbtest::FaultServer server(std::string(NEWSBOARD_SOURCE_DIR) + "/tests/fault_server.py", root + "/www");
    write_file(root + "/www/media/a.jpg", picture());
    write_file(root + "/www/p.json", playlist_text("2026-09-01T07:00:00+08:00", "好的", "a.jpg", ""));
    server.set_fault("etag");
    auto cfg = config_for(server.url("p.json"), root + "/cache");
    auto syncer = make_syncer(cfg);
    sync::SyncOutcome out;
    REQUIRE_NOTHROW(out = syncer.sync_once(kNow));
    INFO(out.error);
    CHECK(out.result == sync::SyncResult::Updated);
    CHECK(out.validator.empty());
    CHECK(headline_after_restart(cfg) == "好的");
    CHECK(syncer.sync_once(kNow + Seconds(60)).result == sync::SyncResult::Unchanged);
}

TEST_CASE("passing faults are retried with a doubling, jittered backoff up to the cap", "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    const std::string& root = temp.path();
    nbtest::FaultServer server(std::string(NEWSBOARD_SOURCE_DIR) + "/tests/fault_server.py", root + "/www");
    server.set_fault("500");
    auto cfg = config_for(server.url("p.json"), root + "/cache");
    cfg.backoff_first = Seconds(2);
    cfg.backoff_cap = Seconds(20);
    auto syncer = make_syncer(cfg);
    std::int64_t full = 2;
    for (int attempt = 0; attempt < 6; ++attempt) {
        auto out = syncer.sync_once(kNow + Seconds(attempt));
        CAPTURE(attempt, out.next_in.count());
        REQUIRE(out.result == sync::SyncResult::Failed);
        CHECK(out.next_in.count() >= std::max<std::int64_t>(1, full / 2));
        CHECK(out.next_in.count() <= full);
        full = std::min<std::int64_t>(full * 2, 20);
    }
    server.set_fault("404");
    auto gone = syncer.sync_once(kNow + Seconds(10));
    CHECK(gone.retry == sync::Retry::NextPoll);
    CHECK(gone.next_in <= Seconds(60));
    CHECK(gone.next_in >= Seconds(45));
}

TEST_CASE("stopping the sync thread does not wait for a stalled transfer", "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    nbtest::FaultServer server(std::string(NEWSBOARD_SOURCE_DIR) + "/tests/fault_server.py", temp.path() + "/www");
    server.set_fault("stall");
    auto cfg = config_for(server.url("p.json"), temp.path() + "/cache");
    cfg.http.low_speed_time = Seconds(60);  // without cancelling, the stop would take a minute
    const auto start = std::chrono::steady_clock::now();
    {
        sync::SyncThread thread(make_syncer(cfg));
        // Stop it only once the request is on the server, the transfer under way.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!std::filesystem::exists(temp.path() + "/www/.stalled") && std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        REQUIRE(std::filesystem::exists(temp.path() + "/www/.stalled"));
    }
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(took < std::chrono::seconds(5));
}

// A doorbell that rings while a poll is fetching the edition it replaces must not wait for the
// next poll (an hour on some boards): the sync in flight may have read the old bytes.
TEST_CASE("a wake while a sync is under way makes another sync as soon as it ends", "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    nbtest::FaultServer server(std::string(NEWSBOARD_SOURCE_DIR) + "/tests/fault_server.py", temp.path() + "/www");
    write_file(temp.path() + "/www/p.json", "{} \n");  // refused: the next poll would be an hour away
    server.set_fault("drip");                          // 4 s for those 4 bytes
    auto cfg = config_for(server.url("p.json"), temp.path() + "/cache");
    cfg.poll = Seconds(3600);
    sync::SyncThread thread(make_syncer(cfg));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!std::filesystem::exists(temp.path() + "/www/.dripping") && std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield();
    REQUIRE(std::filesystem::exists(temp.path() + "/www/.dripping"));
    server.set_fault("none");
    thread.wake();
    REQUIRE(thread.wait_for_syncs(2, deadline));
    CHECK(thread.last_outcome()->result == sync::SyncResult::Failed);
    CHECK(thread.last_outcome()->invalid_content);  // the same bytes, fetched again at once
}

TEST_CASE("a damaged cache is reported and ignored, and the next sync repairs it", "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    const std::string& root = temp.path();
    nbtest::Nginx nginx(root + "/nginx");
    write_file(nginx.www() + "/media/a.jpg", picture());
    write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T07:00:00+08:00", "修复", "a.jpg", ""));
    const auto cfg = config_for(nginx.url("p.json"), root + "/cache");
    REQUIRE(make_syncer(cfg).sync_once(kNow).result == sync::SyncResult::Updated);
    write_file(root + "/cache/current", "{\"playlist\": 12");
    auto syncer = make_syncer(cfg);
    CHECK_FALSE(syncer.current());
    CHECK_THAT(syncer.notes().back(), Catch::Contains("damaged"));
    auto repaired = syncer.sync_once(kNow + Seconds(60));
    INFO(repaired.error);
    CHECK(repaired.result == sync::SyncResult::Updated);
    CHECK(headline_after_restart(cfg) == "修复");
}

// validators.json is written atomically but not flushed (sync/cache.cpp): what a power cut may
// leave of it (nothing, an empty file, the previous edition's) costs one whole download and
// never the edition on screen.
TEST_CASE("validators lost, torn or older after a power cut cost one whole download, not the edition", "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    const std::string& root = temp.path();
    nbtest::Nginx nginx(root + "/nginx");
    write_file(nginx.www() + "/media/a.jpg", picture());
    write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T07:00:00+08:00", "旧版", "a.jpg", ""));
    const auto cfg = config_for(nginx.url("p.json"), root + "/cache");
    REQUIRE(make_syncer(cfg).sync_once(kNow).result == sync::SyncResult::Updated);
    const std::string validators = root + "/cache/validators.json";
    const std::string older = file::read(validators, 1 << 16).value();
    write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T08:00:00+08:00", "新版", "a.jpg", ""));
    REQUIRE(make_syncer(cfg).sync_once(kNow + Seconds(60)).result == sync::SyncResult::Updated);

    SECTION("lost") { REQUIRE(std::remove(validators.c_str()) == 0); }
    SECTION("torn") { write_file(validators, ""); }
    SECTION("the previous edition's") { write_file(validators, older); }

    auto syncer = make_syncer(cfg);  // the restart after the power cut
    REQUIRE(syncer.current());
    CHECK(headline_of(*syncer.current()) == "新版");
    auto first = syncer.sync_once(kNow + Seconds(120));
    INFO(first.error);
    CHECK(first.result == sync::SyncResult::Unchanged);
    CHECK(first.body_bytes > 0);  // the whole playlist once
    CHECK(headline_of(*syncer.current()) == "新版");
    auto next = syncer.sync_once(kNow + Seconds(180));
    CHECK(next.result == sync::SyncResult::Unchanged);
    CHECK(next.body_bytes == 0);  // conditional again
    CHECK(headline_after_restart(cfg) == "新版");
}

TEST_CASE("the sync thread brings an edit on nginx to the player within one poll", "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    const std::string& root = temp.path();
    nbtest::Nginx nginx(root + "/nginx");
    write_file(nginx.www() + "/media/a.jpg", picture());
    write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T07:00:00+08:00", "线程一", "a.jpg", ""));
    auto cfg = config_for(nginx.url("p.json"), root + "/cache");
    cfg.poll = Seconds(1);
    sync::SyncThread thread(make_syncer(cfg));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    REQUIRE(thread.wait_for_syncs(1, deadline));
    REQUIRE(thread.generation() == 1);
    CHECK(headline_of(*thread.current()) == "线程一");

    write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T08:00:00+08:00", "线程二", "a.jpg", ""));
    const auto edited = std::chrono::steady_clock::now();
    std::uint64_t seen = thread.syncs();
    while (thread.generation() < 2 && thread.wait_for_syncs(seen + 1, deadline)) seen = thread.syncs();
    REQUIRE(thread.generation() == 2);
    CHECK(headline_of(*thread.current()) == "线程二");
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - edited);
    CHECK(took < std::chrono::milliseconds(2500));
    std::printf("edit on nginx to a new current playlist with --poll 1: %lld ms\n",
                static_cast<long long>(took.count()));
}

TEST_CASE("the client speaks only http and https, and blames a 1970 clock for TLS failures", "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    nbtest::FaultServer server(std::string(NEWSBOARD_SOURCE_DIR) + "/tests/fault_server.py", temp.path() + "/www");
    write_file(temp.path() + "/www/p.json", "{}");
    sync::HttpConfig config;
    config.user_agent = "newsboard/test";
    config.earliest_plausible_time = kNow - Seconds(86400);
    auto http = sync::Http::create(config);
    REQUIRE(http.ok());

    auto ftp = http->get({"ftp://127.0.0.1/p.json", 1000, {}, {}}, kNow);
    REQUIRE(ftp.failure);
    CHECK_THAT(ftp.failure->hint, Catch::Contains("only http:// and https://"));

    server.set_fault("file");
    auto redirected = http->get({server.url("p.json"), 1000, {}, {}}, kNow);
    REQUIRE(redirected.failure);
    CHECK_THAT(redirected.failure->hint, Catch::Contains("only http:// and https://"));

    // A POST is never redirected: its failure names where the server sends it, not a missing
    // Location.
    server.set_fault("loop");
    auto posted = http->post({server.url("up"), 1000, "x", "text/plain", {}}, kNow);
    REQUIRE(posted.failure);
    CHECK(posted.failure->status == 302);
    CHECK_THAT(posted.failure->hint,
               Catch::Contains("uploads are not redirected") && Catch::Contains(server.url("up")));
    server.set_fault("none");
    CHECK(http->post({server.url("up"), 1000, "x", "text/plain", {}}, kNow).response);

    // TLS to a server that speaks plain HTTP fails the handshake, as a bad certificate would.
    std::string https = server.url("p.json");
    https.replace(0, 4, "https");
    auto in_1970 = http->get({https, 1000, {}, {}}, TimePoint(Seconds(0)));
    REQUIRE(in_1970.failure);
    CHECK_THAT(in_1970.failure->hint,
               Catch::Contains("certificates are not yet valid") && Catch::Contains("1970-01-01T00:00:00Z"));
    CHECK(in_1970.failure->retry == sync::Retry::Soon);
    auto today = http->get({https, 1000, {}, {}}, kNow);
    REQUIRE(today.failure);
    CHECK_THAT(today.failure->hint, Catch::StartsWith("TLS"));
}

TEST_CASE("SIGKILL at any point of a sync leaves a cache the next start loads", "[sync]") {
    const nbtest::TempDir temp("nbsync-");
    const std::string& root = temp.path();
    nbtest::Nginx nginx(root + "/nginx");
    const std::string jpg = picture();
    write_file(nginx.www() + "/media/m0.jpg", jpg);
    write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T07:00:00+08:00", "版0", "m0.jpg", ""));
    const auto cfg = config_for(nginx.url("p.json"), root + "/cache");
    REQUIRE(make_syncer(cfg).sync_once(kNow).result == sync::SyncResult::Updated);

    std::mt19937 random(20261128);
    std::uniform_int_distribution<int> delay_us(0, 40000);
    std::set<std::string> published = {"版0"};
    int new_after_kill = 0;
    constexpr int kKills = 100;
    for (int i = 1; i <= kKills; ++i) {
        // Each edition brings a new 200 KB file, so kills land in media writes too.
        const std::string headline = "版" + std::to_string(i);
        const std::string media = "m" + std::to_string(i) + ".jpg";
        write_file(nginx.www() + "/media/" + media, jpg + std::string(200000 + static_cast<std::size_t>(i), 'x'));
        write_file(nginx.www() + "/p.json", playlist_text("2026-09-01T07:00:00+08:00", headline, media, ""));
        published.insert(headline);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            auto syncer = sync::Syncer::create(cfg);
            if (syncer) (void)syncer->sync_once(kNow);
            ::_exit(0);
        }
        // The kill point: a random instant in the child's life (this wait is the test's input).
        std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);

        auto restarted = make_syncer(cfg);
        CAPTURE(i, restarted.notes());
        REQUIRE(restarted.current());
        const auto& shown = *restarted.current();
        CHECK(published.count(headline_of(shown)) == 1);
        const std::string& path = shown.playlist.items.at(1).image->resolved;
        auto bytes = file::read(path, 4 << 20);
        INFO(path);
        REQUIRE(bytes.ok());
        CHECK(path.substr(path.size() - 64) == sha256_hex(*bytes));
        if (headline_of(shown) == headline) ++new_after_kill;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root + "/cache"))
            CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
    }
    std::printf("%d SIGKILLs during a sync: the cache loaded every time; %d had switched to the new edition\n", kKills,
                new_after_kill);
}

TEST_CASE("a failure that lasts is logged when it starts, when it changes, hourly, and when it ends", "[sync]") {
    sync::SyncLog log;
    const TimePoint t0 = TimePoint(Seconds(1'800'000'000));
    const auto outcome = [&](sync::SyncResult r, Seconds at, std::string error = {}) {
        sync::SyncOutcome o;
        o.result = r;
        o.at = t0 + at;
        o.error = std::move(error);
        o.next_in = Seconds(60);
        return o;
    };
    const std::string refused = "conf:3: no key the board trusts can check the signature";
    CHECK(log.lines(outcome(sync::SyncResult::Unchanged, Seconds(0))).empty());
    auto first = log.lines(outcome(sync::SyncResult::Failed, Seconds(60), refused));
    REQUIRE(first.size() == 1);
    CHECK(first[0].find(refused) != std::string::npos);
    // A poll a minute for most of an hour: silent.
    for (int m = 2; m < 60; ++m) CHECK(log.lines(outcome(sync::SyncResult::Failed, Seconds(60 * m), refused)).empty());
    // An hour after the line: a reminder that counts the polls since.
    auto reminder = log.lines(outcome(sync::SyncResult::Failed, Seconds(60 * 61), refused));
    REQUIRE(reminder.size() == 1);
    CHECK(reminder[0].find("still failing: 59 polls alike since 2027-01-15T08:01:00Z") != std::string::npos);
    // Another error is news at once; so is the end of the run, with the polls not logged.
    CHECK(log.lines(outcome(sync::SyncResult::Failed, Seconds(60 * 62), "HTTP 500")).size() == 1);
    CHECK(log.lines(outcome(sync::SyncResult::Failed, Seconds(60 * 63), "HTTP 502")).size() == 1);
    CHECK(log.lines(outcome(sync::SyncResult::Failed, Seconds(60 * 64), "HTTP 502")).empty());
    auto back = log.lines(outcome(sync::SyncResult::Unchanged, Seconds(60 * 65)));
    REQUIRE(back.size() == 1);
    CHECK(back[0].find("unchanged") != std::string::npos);
    CHECK(back[0].find("after 1 more failed poll not logged") != std::string::npos);
    CHECK(log.lines(outcome(sync::SyncResult::Unchanged, Seconds(60 * 66))).empty());
    CHECK(log.lines(outcome(sync::SyncResult::Updated, Seconds(60 * 67))).size() == 1);
}

TEST_CASE("failures that differ only in a measured quantity are the same failure", "[sync]") {
    CHECK(sync::same_failure("Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't connect to server",
                             "Failed to connect to 127.0.0.1 port 8080 after 12 ms: Couldn't connect to server"));
    CHECK(sync::same_failure("timed out after 10.5 s (3 KiB)", "timed out after 9.25 s (17 KiB)"));
    CHECK_FALSE(sync::same_failure("HTTP 500", "HTTP 502"));
    CHECK_FALSE(sync::same_failure("p.json:3:7: error: x", "p.json:4:7: error: x"));
    CHECK_FALSE(sync::same_failure("port 8080 after 0 ms", "port 8081 after 0 ms"));
    CHECK_FALSE(sync::same_failure("limit 12 MiB", "limit 12 Mi"));
}

// sync/revalidation.h: when a 304 could mean other bytes than the server has.
TEST_CASE("HTTP dates are read in their IMF-fixdate form only", "[sync]") {
    CHECK(sync::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == TimePoint(Seconds(784111777)));
    CHECK(sync::parse_http_date("Tue, 29 Feb 2028 23:59:60 GMT") == *parse_timestamp("2028-02-29T23:59:59Z"));
    for (const char* bad : {"Sunday, 06-Nov-94 08:49:37 GMT",  // RFC 850: not read
                            "Sun Nov  6 08:49:37 1994",        // asctime: not read
                            "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
                            "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 nov 1994 08:49:37 GMT",
                            "Sun, 06 Nov 1994 08:49:37 GMT ", "Sun, 0x Nov 1994 08:49:37 GMT",
                            "Xyz, 06 Nov 1994 08:49:37 GMT", ""})
        CHECK_FALSE(sync::parse_http_date(bad));
}

TEST_CASE("Retry-After is read in seconds or as a date from the server's own clock", "[sync]") {
    const TimePoint board = TimePoint(Seconds(784111777));  // the server's Date below
    const auto server = sync::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK(sync::parse_retry_after("120", server, board) == Seconds(120));
    CHECK(sync::parse_retry_after("Sun, 06 Nov 1994 08:52:37 GMT", server, board - Seconds(3600)) == Seconds(180));
    CHECK(sync::parse_retry_after("Sun, 06 Nov 1994 08:52:37 GMT", std::nullopt, board) == Seconds(180));
    CHECK(sync::parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", server, board) == Seconds(0));  // past
    CHECK(sync::parse_retry_after("99999999999999999999", server, board) > Seconds(86400));
    for (const char* bad : {"", "-5", "1.5", "soon", "Sun Nov  6 08:49:37 1994"})
        CHECK_FALSE(sync::parse_retry_after(bad, server, board));
}

TEST_CASE("validators are sent back only when Last-Modified is a second or more before Date", "[sync]") {
    using sync::Validation;
    const char* date = "Sat, 05 Dec 2026 23:30:10 GMT";
    CHECK(sync::validators_fit("Sat, 05 Dec 2026 23:30:09 GMT", date) == Validation::Conditional);
    CHECK(sync::validators_fit("Mon, 01 Jan 2024 00:00:00 GMT", date) == Validation::Conditional);
    // Modified within the second it was served, or later by the server's clock: the file may
    // change again with the same validators (nginx's ETag is the same mtime and the size).
    CHECK(sync::validators_fit(date, date) == Validation::Unconditional);
    CHECK(sync::validators_fit("Sat, 05 Dec 2026 23:30:11 GMT", date) == Validation::Unconditional);
    // What cannot be judged is not trusted; an ETag alone is the server's word.
    CHECK(sync::validators_fit("Sat, 05 Dec 2026 23:30:09 GMT", "") == Validation::Unconditional);
    CHECK(sync::validators_fit("yesterday", date) == Validation::Unconditional);
    CHECK(sync::validators_fit("", date) == Validation::Conditional);
    CHECK(sync::validators_fit("", "") == Validation::Conditional);
}

TEST_CASE("a doorbell's edition makes the playlist request unconditional until it is served or superseded",
          "[sync]") {
    using sync::Validation;
    const std::string a(64, 'a'), b(64, 'b');
    const sync::Validators held{"http://x/p.json", "\"5f-1c\"", "Sat, 05 Dec 2026 23:30:09 GMT", a};
    const TimePoint t = *parse_timestamp("2026-12-05T08:00:00+08:00");
    CHECK(sync::playlist_request(std::nullopt, std::nullopt) == Validation::Unconditional);
    CHECK(sync::playlist_request(sync::Validators{held.source, "", "", a}, std::nullopt) == Validation::Unconditional);
    CHECK(sync::playlist_request(held, std::nullopt) == Validation::Conditional);
    CHECK(sync::playlist_request(held, sync::Awaited{b, t}) == Validation::Unconditional);
    // The validators already describe the awaited bytes (taken by a poll, its media pending).
    CHECK(sync::playlist_request(held, sync::Awaited{a, t}) == Validation::Conditional);

    using sync::Wait;
    const sync::Awaited awaited{b, t};
    CHECK(sync::wait_after_sync(awaited, b, std::nullopt) == Wait::Over);
    CHECK(sync::wait_after_sync(awaited, b, t - Seconds(3600)) == Wait::Over);  // served, refused
    CHECK(sync::wait_after_sync(awaited, a, t - Seconds(3600)) == Wait::On);    // the server lags
    CHECK(sync::wait_after_sync(awaited, "", t - Seconds(3600)) == Wait::On);   // a failed sync
    CHECK(sync::wait_after_sync(awaited, "", std::nullopt) == Wait::On);
    CHECK(sync::wait_after_sync(awaited, a, t) == Wait::Over);                  // superseded
    CHECK(sync::wait_after_sync(awaited, "", t + Seconds(1)) == Wait::Over);
}

namespace {

// Two editions of one byte size, each written (by rename) with the mtime `at`: to nginx the
// same ETag and Last-Modified, as two publishes within one second.
struct SameSecond {
    nbtest::TempDir temp{"nbsync-"};
    nbtest::Nginx nginx{temp.path() + "/nginx"};
    const std::string first = playlist_text("2026-09-01T07:00:00+08:00", "第一版", "a.jpg", "");
    const std::string second = playlist_text("2026-09-01T08:00:00+08:00", "第二版", "a.jpg", "");
    sync::Config cfg = config_for(nginx.url("p.json"), temp.path() + "/cache");
    SameSecond() {
        REQUIRE(first.size() == second.size());
        write_file(nginx.www() + "/media/a.jpg", picture());
    }
    void publish(const std::string& text, std::filesystem::file_time_type at) {
        write_file(nginx.www() + "/p.json", text);
        std::filesystem::last_write_time(nginx.www() + "/p.json", at);
    }
    // A board that has taken the first edition, published at `at`.
    sync::Syncer board_on_first(std::filesystem::file_time_type at) {
        publish(first, at);
        auto syncer = make_syncer(cfg);
        REQUIRE(syncer.sync_once(kNow).result == sync::SyncResult::Updated);
        return syncer;
    }
    // What the doorbell for the second edition names.
    sync::Awaited second_rung() const {
        return {sha256_hex(second), *parse_timestamp("2026-09-01T08:00:00+08:00")};
    }
};

}  // namespace

TEST_CASE("a doorbell's edition is fetched whole although the server's validators have not changed", "[sync]") {
    SameSecond site;
    // Long before the server's Date: the validators look trustworthy, and only the doorbell
    // tells the board that the bytes behind them changed.
    const auto at = std::filesystem::file_time_type::clock::now() - std::chrono::hours(2);
    auto syncer = site.board_on_first(at);
    site.publish(site.second, at);
    auto polled = syncer.sync_once(kNow + Seconds(60));
    CHECK(polled.result == sync::SyncResult::Unchanged);  // a 304: polling alone cannot tell
    CHECK(polled.body_bytes == 0);

    syncer.await(site.second_rung());
    auto rung = syncer.sync_once(kNow + Seconds(61));
    INFO(rung.error);
    CHECK(rung.result == sync::SyncResult::Updated);
    CHECK(headline_of(*syncer.current()) == "第二版");
    CHECK_FALSE(syncer.awaited());
    auto after = syncer.sync_once(kNow + Seconds(120));  // conditional again
    CHECK(after.result == sync::SyncResult::Unchanged);
    CHECK(after.body_bytes == 0);
}

TEST_CASE("an edition the server still lags behind is awaited at every sync until it is served", "[sync]") {
    SameSecond site;
    const auto at = std::filesystem::file_time_type::clock::now() - std::chrono::hours(2);
    auto syncer = site.board_on_first(at);
    syncer.await(site.second_rung());
    auto early = syncer.sync_once(kNow + Seconds(1));  // rung before the file is there
    CHECK(early.result == sync::SyncResult::Unchanged);
    CHECK(early.body_bytes > 0);
    CHECK(syncer.awaited());
    site.publish(site.second, at);
    auto late = syncer.sync_once(kNow + Seconds(60));
    INFO(late.error);
    CHECK(late.result == sync::SyncResult::Updated);
    CHECK(headline_of(*syncer.current()) == "第二版");
    CHECK_FALSE(syncer.awaited());
}

TEST_CASE("a playlist modified within the second it was served is fetched whole at the next poll", "[sync]") {
    SameSecond site;
    // After the server's Date, as a file changed within the second it was served: the
    // validators could describe the next bytes too.
    const auto at = std::filesystem::file_time_type::clock::now() + std::chrono::hours(2);
    auto syncer = site.board_on_first(at);
    auto again = syncer.sync_once(kNow + Seconds(60));
    CHECK(again.result == sync::SyncResult::Unchanged);
    CHECK(again.body_bytes > 0);  // whole, and no worse: the same bytes end it
    site.publish(site.second, at);
    auto polled = syncer.sync_once(kNow + Seconds(120));
    INFO(polled.error);
    CHECK(polled.result == sync::SyncResult::Updated);
    CHECK(headline_of(*syncer.current()) == "第二版");
}

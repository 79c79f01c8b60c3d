// The fleet's pure parts (player/fleet/): the doorbell's verdicts, the status message, the
// broker URL. The MQTT client itself is tested against a real Mosquitto (tests/cli/test_fleet.py).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <string>

#include "web_servers.h"

#include "fleet/board_request.h"
#include "fleet/doorbell.h"
#include "fleet/journal.h"
#include "fleet/play.h"
#include "fleet/mqtt.h"
#include "fleet/screenshot.h"
#include "fleet/status_message.h"
#include "show/status_writer.h"
#include "sign/fleet_bytes.h"

using namespace nb;
using namespace nb::fleet;

namespace {

const std::string kSha1(64, 'a'), kSha2(64, 'b');

std::string bell(const sign::SecretKey& key, Doorbell d, bool with_sig = true) {
    nlohmann::json j{{"v", 1},          {"group", d.group},   {"playlist_id", d.playlist_id},
                     {"edition", d.edition}, {"sha256", d.sha256}, {"updated", d.updated}};
    if (with_sig) {
        const std::string file = sign::sign(signed_bytes(d), key);
        j["sig"] = file.substr(file.find('\n') + 1, file.find('\n', file.find('\n') + 1) - file.find('\n') - 1);
    }
    return j.dump();
}

}  // namespace

TEST_CASE("a doorbell rings only when signed, for this board, and newer", "[fleet]") {
    const auto desk = sign::generate();
    const std::vector<sign::PublicKey> trusted{desk.public_key};
    Held held{"park", kSha1, *parse_timestamp("2026-09-01T07:00:00+08:00")};
    const Doorbell next{"park", "park", kSha2, "2026-09-02T07:00:00+08:00", 2};

    CHECK(judge(bell(desk.secret_key, next), "park", "park", trusted, held).verdict == Verdict::Ring);
    CHECK(judge(bell(desk.secret_key, next), "park", "", trusted, held).verdict == Verdict::Ring);
    CHECK(judge(bell(desk.secret_key, next), "park", "park", trusted, Held{}).verdict == Verdict::Ring);

    SECTION("forged or unsigned") {
        const auto other = sign::generate();
        CHECK(judge(bell(other.secret_key, next), "park", "park", trusted, held).verdict == Verdict::BadSignature);
        CHECK(judge(bell(desk.secret_key, next, false), "park", "park", trusted, held).verdict == Verdict::Unsigned);
        CHECK(judge(bell(desk.secret_key, next), "park", "park", {}, held).verdict == Verdict::NoKey);
        // A signed doorbell with one field changed after signing.
        auto j = nlohmann::json::parse(bell(desk.secret_key, next));
        j["edition"] = 3;
        CHECK(judge(j.dump(), "park", "park", trusted, held).verdict == Verdict::BadSignature);
    }
    SECTION("another group or playlist") {
        Doorbell d = next;
        d.group = "lobby";
        CHECK(judge(bell(desk.secret_key, d), "park", "park", trusted, held).verdict == Verdict::OtherGroup);
        d = next;
        d.playlist_id = "lobby";
        CHECK(judge(bell(desk.secret_key, d), "park", "park", trusted, held).verdict == Verdict::OtherPlaylist);
        CHECK(judge(bell(desk.secret_key, d), "park", "", trusted, held).verdict == Verdict::OtherPlaylist);
    }
    SECTION("what it has, or older (a replay)") {
        Doorbell d = next;
        d.sha256 = kSha1;
        CHECK(judge(bell(desk.secret_key, d), "park", "park", trusted, held).verdict == Verdict::AlreadyHave);
        d = next;
        d.updated = "2026-09-01T07:00:00+08:00";
        CHECK(judge(bell(desk.secret_key, d), "park", "park", trusted, held).verdict == Verdict::Replay);
        d.updated = "2026-08-01T00:00:00Z";
        CHECK(judge(bell(desk.secret_key, d), "park", "park", trusted, held).verdict == Verdict::Replay);
    }
    SECTION("bytes that are not a doorbell") {
        for (const std::string& bad : std::vector<std::string>
             {std::string(), std::string("null"), std::string("[1]"), std::string("{\"v\":1}"), std::string("{{{"),
              std::string("\xff\xfe"), std::string(kMaxDoorbellBytes + 1, ' '),
              R"({"v":2,"group":"park","playlist_id":"park","edition":2,"sha256":")" + kSha2 +
                  R"(","updated":"2026-09-02T07:00:00Z","sig":"x"})",
              R"({"v":1,"group":"park","playlist_id":"park","edition":"2","sha256":")" + kSha2 +
                  R"(","updated":"2026-09-02T07:00:00Z","sig":"x"})",
              std::string(R"({"v":1,"group":"park","playlist_id":"park","edition":2,"sha256":"xyz","updated":"2026-09-02T07:00:00Z"})"),
              R"({"v":1,"group":"park","playlist_id":"park","edition":2,"sha256":")" + kSha2 +
                  R"(","updated":"yesterday"})"})
            CHECK(judge(bad, "park", "park", trusted, held).verdict == Verdict::Malformed);
    }
}

TEST_CASE("the status says what is on screen, and moves only on a change", "[fleet]") {
    show::Showing s;
    s.playlist_id = "park";
    s.playlist_updated = "2026-09-01T07:00:00+08:00";
    s.playlist_sha256 = kSha1;
    std::optional<show::SyncReport> sync;
    MachineFacts m;
    m.uptime_s = 5;
    const auto t0 = *parse_timestamp("2026-12-04T10:00:00Z");

    SECTION("a playlist being prepared is not yet showing") {
        const auto j = nlohmann::json::parse(status_message("b1", "park", "1.0", s, sync, m, t0).payload);
        CHECK(j["showing"].is_null());
        CHECK(j["online"] == true);
        CHECK(j["sync"].is_null());
    }
    s.state = show::Showing::State::Showing;
    s.item_id = "n1";
    sync = show::SyncReport{};
    sync->last_attempt = "2026-12-04T10:00:00Z";
    sync->result = "unchanged";
    const auto a = status_message("b1", "park", "1.0", s, sync, m, t0);
    const auto j = nlohmann::json::parse(a.payload);
    CHECK(j["v"] == 1);
    CHECK(j["board"] == "b1");
    CHECK(j["group"] == "park");
    CHECK(j["showing"]["sha256"] == kSha1);
    CHECK(j["item"] == "n1");
    CHECK(j["sync"]["result"] == "ok");
    CHECK(j["at"] == "2026-12-04T10:00:00Z");
    CHECK(j["uptime_s"] == 5);

    // Time, uptime and the next poll are not changes; a failed sync or another item are.
    m.uptime_s = 65;
    sync->last_attempt = "2026-12-04T10:01:00Z";
    CHECK(status_message("b1", "park", "1.0", s, sync, m, t0 + std::chrono::minutes(1)).key == a.key);
    sync->result = "failed";
    sync->error = "HTTP 500";
    const auto failed = status_message("b1", "park", "1.0", s, sync, m, t0);
    CHECK(failed.key != a.key);
    CHECK(nlohmann::json::parse(failed.payload)["sync"]["result"] == "error");

    CHECK(nlohmann::json::parse(offline_payload("b1")) == nlohmann::json{{"v", 1}, {"board", "b1"}, {"online", false}});
}

// Before, the fleet's `quarantined` was a machine fact nobody set: false on every board, a
// `play FILE` board keeping a crash-looping edition off screen included.
TEST_CASE("the fleet's quarantined is the status file's, whatever the source", "[fleet]") {
    show::Showing s;
    s.state = show::Showing::State::Showing;
    s.playlist_id = "park";
    s.playlist_sha256 = kSha1;
    s.item_id = "n1";
    const auto t0 = *parse_timestamp("2026-12-04T10:00:00Z");
    const auto plain = status_message("b1", "park", "1.0", s, std::nullopt, {}, t0);
    CHECK(nlohmann::json::parse(plain.payload)["quarantined"] == false);

    s.quarantined = kSha2;  // a local file's edition kept off screen: no sync report at all
    const auto quarantined = status_message("b1", "park", "1.0", s, std::nullopt, {}, t0);
    CHECK(nlohmann::json::parse(quarantined.payload)["quarantined"] == true);
    CHECK(quarantined.key != plain.key);  // published at once, not at the next minute
    CHECK(show::status_info(s, {}).quarantined == kSha2);
    show::Showing lifted = s;
    lifted.quarantined.reset();
    CHECK(s != lifted);  // the frame loop tells its observers (the fleet) of the change
}

TEST_CASE("the broker's URL", "[fleet]") {
    auto b = parse_broker_url("mqtt://127.0.0.1:1884");
    REQUIRE(b);
    CHECK(b->host == "127.0.0.1");
    CHECK(b->port == 1884);
    CHECK(b->tls == Broker::Tls::Off);
    b = parse_broker_url("mqtts://broker.example.cn");
    REQUIRE(b);
    CHECK(b->port == 8883);
    CHECK(b->tls == Broker::Tls::On);
    b = parse_broker_url("mqtt://[::1]:1883");
    REQUIRE(b);
    CHECK(b->host == "::1");
    for (const char* bad : {"http://x", "mqtt://", "mqtt://x:0", "mqtt://x:99999", "mqtt://x:12a", "mqtt://u@x"})
        CHECK_FALSE(parse_broker_url(bad));
}

namespace {

Play play(int n) {
    Play p;
    p.uuid = uuid4();
    p.board = "b1";
    p.item = "n" + std::to_string(n);
    p.playlist = "park";
    p.sha256 = kSha1;
    p.start = "2026-12-04T10:00:00Z";
    p.duration_ms = 1000 + n;
    return p;
}

std::vector<Play> all_plays(const Journal& j) {
    std::vector<Play> out;
    auto files = j.sealed();
    files.push_back(j.dir() + "/current.jsonl");
    for (const auto& f : files) {
        auto read = read_journal_file(f);
        REQUIRE(read);
        out.insert(out.end(), read->plays.begin(), read->plays.end());
    }
    return out;
}

}  // namespace

TEST_CASE("the journal keeps every play in order, sealed at its size, a torn line skipped", "[fleet]") {
    const nbtest::TempDir dir("nbjournal-");
    const auto t0 = std::chrono::steady_clock::now();
    JournalLimits limits;
    limits.rotate_bytes = 2000;  // about 8 lines
    {
        auto j = Journal::open(dir.path(), limits);
        REQUIRE(j);
        for (int i = 0; i < 20; ++i) REQUIRE(j->append(play(i), t0));
        CHECK(j->sealed().size() >= 1);
        const auto plays = all_plays(*j);
        REQUIRE(plays.size() == 20);
        for (int i = 0; i < 20; ++i) CHECK(plays[static_cast<std::size_t>(i)].item == "n" + std::to_string(i));
    }
    SECTION("a power cut mid-line: the torn line is skipped, the next line stands on its own") {
        {
            std::ofstream f(dir.path() + "/current.jsonl", std::ios::app);
            f << R"({"uuid":"0f0e)";  // torn
        }
        auto j = Journal::open(dir.path(), limits);
        REQUIRE(j);
        REQUIRE(j->append(play(20), t0));
        auto cur = read_journal_file(dir.path() + "/current.jsonl");
        REQUIRE(cur);
        CHECK(cur->skipped == 1);
        CHECK(cur->plays.back().item == "n20");
        CHECK(all_plays(*j).size() == 21);
    }
    SECTION("sealed on demand, removed after upload") {
        auto j = Journal::open(dir.path(), limits);
        REQUIRE(j);
        REQUIRE(j->append(play(20), t0));
        const auto before = j->sealed().size();
        REQUIRE(j->seal());
        CHECK(j->current_empty());
        const auto files = j->sealed();
        REQUIRE(files.size() == before + 1);
        CHECK(all_plays(*j).size() == 21);
        CHECK(std::is_sorted(files.begin(), files.end()));
        REQUIRE(j->remove(files[0]));
        CHECK(j->sealed().size() == before);
    }
    SECTION("a clock gone back, or a restart within the second: the next sealed file still sorts last") {
        // A Pi without an RTC may boot with a time before the one it last sealed at.
        const std::string ahead = dir.path() + "/29991231T235958Z-000007.jsonl";
        {
            std::ofstream f(ahead);
            f << play_line(play(50)) << "\n";
        }
        auto j = Journal::open(dir.path(), limits);
        REQUIRE(j);
        REQUIRE(j->append(play(51), t0));
        REQUIRE(j->seal());
        REQUIRE(j->append(play(52), t0));
        REQUIRE(j->seal());
        const auto files = j->sealed();
        REQUIRE(files.size() >= 3);
        CHECK(files[files.size() - 3] == ahead);
        CHECK(files[files.size() - 2] == dir.path() + "/29991231T235958Z-000008.jsonl");
        CHECK(files.back() == dir.path() + "/29991231T235958Z-000009.jsonl");
        const auto plays = all_plays(*j);
        REQUIRE(plays.size() == 23);
        CHECK(plays[21].item == "n51");
        CHECK(plays[22].item == "n52");
    }
    SECTION("over the cap, the oldest sealed file goes") {
        limits.cap_bytes = 3000;
        auto j = Journal::open(dir.path(), limits);
        REQUIRE(j);
        for (int i = 0; i < 10; ++i) REQUIRE(j->append(play(100 + i), t0));
        const auto plays = all_plays(*j);
        CHECK(plays.size() < 30);
        CHECK(plays.back().item == "n109");  // the newest stay
    }
}

TEST_CASE("a play line reads back, a foreign one does not", "[fleet]") {
    const Play p = play(7);
    const auto back = parse_play_line(play_line(p));
    REQUIRE(back);
    CHECK(back->uuid == p.uuid);
    CHECK(back->duration_ms == 1007);
    CHECK(p.uuid[14] == '4');
    CHECK_FALSE(parse_play_line(R"({"uuid":"x"})"));
}

TEST_CASE("a board's request to the desk is signed over the contract's bytes", "[fleet]") {
    const auto board = sign::generate();
    const std::string body = R"({"board":"b1","plays":[]})";
    const auto headers = board_headers("b1", board.secret_key, "POST", "/api/fleet/plays", 1796380000, body);
    REQUIRE(headers.size() == 4);
    CHECK(headers[0] == "X-Board: b1");
    CHECK(headers[1] == "X-Board-Time: 1796380000");
    const std::string nonce = headers[2].substr(std::string("X-Board-Nonce: ").size());
    CHECK(nonce.size() == 32);
    CHECK(nonce.find_first_not_of("0123456789abcdef") == std::string::npos);
    const std::string sig = headers[3].substr(std::string("X-Board-Signature: ").size());
    const std::string message = sign::board_request_bytes("POST", "/api/fleet/plays", "1796380000", nonce, body);
    CHECK(message.rfind("newsboard-board-v1\nPOST\n/api/fleet/plays\n1796380000\n" + nonce + "\n", 0) == 0);
    const std::string sig_file = std::string(sign::kSignatureHeader) + "\n" + sig + "\n";
    CHECK(sign::verify(message, sig_file, {board.public_key}));
    CHECK_FALSE(sign::verify(sign::board_request_bytes("POST", "/api/fleet/plays", "1796380000", nonce, body + " "),
                             sig_file, {board.public_key}));
    CHECK(key_base64(board.public_key).size() == 44);
}

TEST_CASE("a screenshot request: its id is taken only from the contract's payload", "[fleet]") {
    CHECK(parse_screenshot_request(R"({"v":1,"request":"r-42_x"})") == "r-42_x");
    CHECK_FALSE(parse_screenshot_request(R"({"v":2,"request":"r"})"));
    CHECK_FALSE(parse_screenshot_request(R"({"v":1})"));
    CHECK_FALSE(parse_screenshot_request(R"({"v":1,"request":""})"));
    CHECK_FALSE(parse_screenshot_request(R"({"v":1,"request":"a\r\nX-Board: other"})"));  // it goes in a header
    CHECK_FALSE(parse_screenshot_request(R"({"v":1,"request":")" + std::string(65, 'a') + "\"}"));
    CHECK_FALSE(parse_screenshot_request("{not json"));
    CHECK_FALSE(parse_screenshot_request(R"({"v":1,"request":7})"));
}

TEST_CASE("screenshots: at most one every gap, however many requests come", "[fleet]") {
    // No desk listens: each answer fails after rendering, which is what is counted.
    std::atomic<int> renders{0};
    std::mutex m;
    std::condition_variable cv;
    ScreenshotConfig c;
    c.desk = "http://127.0.0.1:9";  // discard: refused at once
    c.board_id = "b1";
    c.board_key = sign::generate().secret_key;
    c.gap = std::chrono::milliseconds(300000);
    c.render = [&]() -> Result<Shot> {
        ++renders;
        cv.notify_all();
        return fail("nothing on screen");
    };
    auto shots = Screenshots::start(c);
    REQUIRE(shots);
    for (int i = 0; i < 50; ++i) (*shots)->request("r" + std::to_string(i));
    std::unique_lock<std::mutex> lock(m);
    CHECK(cv.wait_for(lock, std::chrono::seconds(60), [&] { return renders.load() >= 1; }));
    lock.unlock();
    (*shots)->request("again");
    shots->reset();  // stops at once, in the middle of the gap
    CHECK(renders.load() == 1);
}

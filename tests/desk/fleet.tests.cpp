// The fleet's pure rules: when a quiet board is an alert, the CSV guard, what a board status
// off the broker must look like, and the broker URL.
#include <catch2/catch.hpp>

#include "board_auth.h"
#include "board_status.h"
#include "csv.h"
#include "doorbell.h"
#include "fleet_alert.h"
#include "policy.h"
#include "sign/fleet_bytes.h"

using namespace nb::desk;
using namespace nb::desk::fleet;

TEST_CASE("a board offline longer than its group's limit is an alert, except in display-off hours", "[fleet]") {
    AlertRule rule;
    rule.offline_after_s = 600;
    const std::int64_t now = 1'000'000;
    const int noon = 12 * 60;
    CHECK_FALSE(should_alert(rule, true, now - 30, now, noon));           // online, heard lately
    CHECK_FALSE(should_alert(rule, false, now - 599, now, noon));         // offline, not long enough yet
    CHECK(should_alert(rule, false, now - 600, now, noon));
    CHECK(should_alert(rule, true, now - 700, now, noon));                // "online" but silent: its will was lost
    CHECK_FALSE(should_alert(rule, true, now - 170, now, noon));
    CHECK_FALSE(should_alert(rule, false, 0, now, noon));                 // never seen: being set up
    rule.quiet_from = 22 * 60;
    rule.quiet_to = 6 * 60;                                               // past midnight
    CHECK_FALSE(should_alert(rule, false, now - 7200, now, 23 * 60));
    CHECK_FALSE(should_alert(rule, false, now - 7200, now, 2 * 60));
    CHECK(should_alert(rule, false, now - 7200, now, 6 * 60));            // quiet_to is not quiet
    CHECK(should_alert(rule, false, now - 7200, now, noon));
    rule.quiet_from = 1 * 60;
    rule.quiet_to = 5 * 60;
    CHECK_FALSE(should_alert(rule, false, now - 7200, now, 3 * 60));
    CHECK(should_alert(rule, false, now - 7200, now, 5 * 60 + 1));
}

TEST_CASE("display-off hours are written HH:MM", "[fleet]") {
    CHECK(parse_clock("00:00") == 0);
    CHECK(parse_clock("23:59") == 23 * 60 + 59);
    CHECK_FALSE(parse_clock("24:00"));
    CHECK_FALSE(parse_clock("7:00"));
    CHECK_FALSE(parse_clock("07:60"));
    CHECK(format_clock(22 * 60 + 5) == "22:05");
    CHECK(format_clock(-1).empty());
}

TEST_CASE("a CSV cell that a spreadsheet would run is kept as text", "[fleet]") {
    CHECK(csv_cell("lobby") == "\"lobby\"");
    CHECK(csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_cell("+1") == "\"'+1\"");
    CHECK(csv_cell("-1") == "\"'-1\"");
    CHECK(csv_cell("@SUM(A1)") == "\"'@SUM(A1)\"");
    CHECK(csv_row({"a", "b"}) == "\"a\",\"b\"\r\n");
}

TEST_CASE("a board status off the broker is checked and rebuilt", "[fleet]") {
    const std::string topic = "newsboard/board/b1/status";
    auto ok = parse_status(topic, R"({"v":1,"board":"b1","group":"park","online":true,"extra":"<script>",
        "showing":{"playlist_id":"park","updated":"2026-12-04T10:00:00Z","sha256":")" + std::string(64, 'a') + R"("},
        "standby":false,"uptime_s":5,"cpu_temp_c":null})");
    REQUIRE(ok);
    CHECK(ok->online);
    CHECK(ok->group == "park");
    CHECK(ok->json.find("extra") == std::string::npos);  // unknown fields never reach the page
    CHECK(ok->json.find("uptime_s") != std::string::npos);
    auto will = parse_status(topic, R"({"v":1,"board":"b1","online":false})");
    REQUIRE(will);
    CHECK_FALSE(will->online);
    CHECK_FALSE(parse_status(topic, R"({"v":1,"board":"b2","online":true})"));  // another board's topic
    CHECK_FALSE(parse_status("newsboard/board/../status", R"({"v":1,"board":"..","online":true})"));
    CHECK_FALSE(parse_status(topic, R"({"v":2,"board":"b1","online":true})"));
    CHECK_FALSE(parse_status(topic, R"({"v":1,"board":"b1","online":true,"uptime_s":-1})"));
    CHECK_FALSE(parse_status(topic, R"({"v":1,"board":"b1","online":true,"showing":{"sha256":"x"}})"));
    CHECK_FALSE(parse_status(topic, R"({"v":1,"board":"b1","online":true,"sync":{"result":"maybe"}})"));
    CHECK_FALSE(parse_status(topic, "{not json"));
    CHECK_FALSE(parse_status(topic, std::string(200000, '[')));
    CHECK_FALSE(parse_status(topic, "{\"v\":1,\"board\":\"b1\",\"online\":true,\"version\":\"\xff\"}"));
    CHECK_FALSE(parse_status(topic, std::string(2000, '[') + std::string(2000, ']')));
}

TEST_CASE("a board's request headers are checked before its body is read", "[fleet]") {
    const std::int64_t now = 1'700'000'000;
    BoardHeaders h{"b1", std::to_string(now), std::string(32, 'a'), std::string(86, 'A') + "=="};
    CHECK_FALSE(check_board_headers(h, now));
    auto late = h;
    late.time = std::to_string(now - 301);
    CHECK(check_board_headers(late, now));
    auto nonce = h;
    nonce.nonce = "abc";
    CHECK(check_board_headers(nonce, now));
    auto missing = h;
    missing.signature.clear();
    CHECK(check_board_headers(missing, now));
    auto id = h;
    id.board = "../b";
    CHECK(check_board_headers(id, now));
}

TEST_CASE("signed board requests and doorbells verify only as signed", "[fleet]") {
    auto pair = nb::sign::generate();
    std::string msg = nb::sign::board_request_bytes("POST", "/api/fleet/plays", "1", std::string(32, '0'), "{}");
    std::string sig = sign_detached(pair.secret_key, msg);
    CHECK(verify_detached(pair.public_key, msg, sig));
    CHECK_FALSE(verify_detached(pair.public_key, msg + "x", sig));
    CHECK_FALSE(verify_detached(nb::sign::generate().public_key, msg, sig));
    CHECK(nb::sign::doorbell_bytes("g", "g", 3, "s", "u") == "newsboard-doorbell-v1\ng\ng\n3\ns\nu");
}

TEST_CASE("the broker's URL", "[fleet]") {
    auto a = parse_broker_url("mqtt://127.0.0.1:1884");
    REQUIRE(a);
    CHECK(a->host == "127.0.0.1");
    CHECK(a->port == 1884);
    CHECK_FALSE(a->tls);
    auto t = parse_broker_url("mqtts://broker.example");
    REQUIRE(t);
    CHECK(t->tls);
    CHECK(t->port == 8883);
    CHECK_FALSE(parse_broker_url("http://x"));
    CHECK_FALSE(parse_broker_url("mqtt://"));
    CHECK_FALSE(parse_broker_url("mqtt://x:99999"));
    CHECK_FALSE(parse_broker_url("mqtt://user@x"));
}

TEST_CASE("a board's route needs no session or CSRF token, but a browser from elsewhere is refused", "[fleet]") {
    RequestFacts f;
    f.state_changing = true;
    f.route = RoutePolicy{Access::Board, Body::Json, 1000};
    f.content_length = 10;
    CHECK(decide(f).allowed());
    f.origin = OriginVerdict::CrossSite;
    CHECK(decide(f).status == 403);
    f.origin = OriginVerdict::Absent;
    f.content_length = 1001;
    CHECK(decide(f).status == 413);
}

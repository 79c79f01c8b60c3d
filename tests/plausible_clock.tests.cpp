// TLS on a board whose clock is not set yet (no real-time clock: 1970 until NTP): https is not
// tried before the build date, and the failure says it waits for the clock, not that the
// server's certificate is bad. Nothing listens at the URL: a connection attempt would say so.
#include <catch2/catch.hpp>

#include "sync/http.h"

using namespace nb;

TEST_CASE("https waits for a plausible clock instead of failing on certificates", "[clock]") {
    const TimePoint built = TimePoint(Seconds(1790000000));  // 2026-09-21
    sync::HttpConfig config;
    config.user_agent = "newsboard/test";
    config.earliest_plausible_time = built;
    config.connect_timeout = Seconds(2);
    auto http = sync::Http::create(config);
    REQUIRE(http.ok());

    // Port 1 on 127.0.0.1: nothing answers there.
    const std::string url = "https://127.0.0.1:1/p.json";
    auto early = http->get({url, 1000, {}, {}}, TimePoint(Seconds(0)));
    REQUIRE(early.failure);
    CHECK_THAT(early.failure->message, Catch::Contains("waiting for the clock"));
    CHECK_THAT(early.failure->hint, Catch::Contains("1970-01-01T00:00:00Z") && Catch::Contains("NTP"));
    CHECK(early.failure->retry == sync::Retry::Soon);

    // Once the clock is plausible the fetch is really tried (and here finds nobody).
    auto later = http->get({url, 1000, {}, {}}, built + Seconds(60));
    REQUIRE(later.failure);
    CHECK_THAT(later.failure->message, !Catch::Contains("waiting for the clock"));

    // Plain http never depends on the clock.
    auto plain = http->get({"http://127.0.0.1:1/p.json", 1000, {}, {}}, TimePoint(Seconds(0)));
    REQUIRE(plain.failure);
    CHECK_THAT(plain.failure->message, !Catch::Contains("waiting for the clock"));
}

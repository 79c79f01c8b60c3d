// The watchdog's view of the threads (core/liveness.h): busy without a beat past the deadline
// is stuck; idle by design is alive however long it lasts. The checker's clock is faked.
#include "core/liveness.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

using namespace nb;
using std::chrono::seconds;

TEST_CASE("a thread that has work and makes no progress past its deadline is stuck", "[liveness]") {
    Liveness registry;
    Heartbeat worker("the prepare worker", seconds(60), registry);
    Heartbeat sync("the sync thread", seconds(120), registry);
    const Liveness::Clock::time_point t0{};
    worker.idle();
    sync.idle();
    CHECK(registry.stuck(t0).empty());
    // Idle by design for an hour: alive.
    CHECK(registry.stuck(t0 + std::chrono::hours(1)).empty());

    const auto t1 = t0 + std::chrono::hours(1);
    worker.beat();  // takes a job
    CHECK(registry.stuck(t1).empty());
    CHECK(registry.stuck(t1 + seconds(59)).empty());
    CHECK(registry.stuck(t1 + seconds(61)) == std::vector<std::string>{"the prepare worker"});
    // It moves again (the job ended): alive.
    worker.idle();
    CHECK(registry.stuck(t1 + seconds(62)).empty());

    // The sync thread beating on every progress callback of a long download is alive.
    sync.beat();
    for (int i = 1; i <= 10; ++i) {
        beat_this_thread();  // not bound to this thread: nothing happens
        sync.beat();
        CHECK(registry.stuck(t1 + seconds(100 * i)).empty());
    }
    {
        Heartbeat::OnThisThread bound(sync);
        const auto before = t1 + seconds(1000);
        CHECK(registry.stuck(before).empty());
        beat_this_thread();
        CHECK(registry.stuck(before + seconds(121)).empty());  // the beat above counted
        CHECK(registry.stuck(before + seconds(242)) == std::vector<std::string>{"the sync thread"});
    }
}

TEST_CASE("a heartbeat that is gone is not asked about", "[liveness]") {
    Liveness registry;
    const Liveness::Clock::time_point t0{};
    {
        Heartbeat h("gone", seconds(1), registry);
        h.beat();
        CHECK(registry.stuck(t0).empty());
    }
    CHECK(registry.stuck(t0 + seconds(10)).empty());
}

TEST_CASE("a thread that beats from another thread is seen", "[liveness]") {
    Liveness registry;
    Heartbeat h("worker", seconds(5), registry);
    const Liveness::Clock::time_point t0{};
    h.beat();
    CHECK(registry.stuck(t0).empty());
    std::thread([&h] {
        Heartbeat::OnThisThread bound(h);
        beat_this_thread();
    }).join();
    CHECK(registry.stuck(t0 + seconds(6)).empty());
    CHECK(registry.stuck(t0 + seconds(12)) == std::vector<std::string>{"worker"});
}

// Publishing's pure rules (desk/server/publish.h) and the diff between editions (diff.h).
#include "diff.h"
#include "publish.h"

#include <catch2/catch.hpp>

using namespace nb;
using namespace nb::desk;

TEST_CASE("an edition's updated is always later than the last one's", "[desk-publish]") {
    const TimePoint t{Seconds(1'700'000'000)};
    CHECK(next_updated(std::nullopt, t) == t);
    CHECK(next_updated(t - Seconds(5), t) == t);
    CHECK(next_updated(t, t) == t + Seconds(1));                          // two in one second
    CHECK(next_updated(t + Seconds(60), t) == t + Seconds(61));           // the clock went back
}

TEST_CASE("a replaced public file's mtime always moves forward (nginx's ETag)", "[desk-publish]") {
    CHECK(next_mtime(std::nullopt, 100) == 100);
    CHECK(next_mtime(99, 100) == 100);
    CHECK(next_mtime(100, 100) == 101);
    CHECK(next_mtime(105, 100) == 106);
}

TEST_CASE("the diff names added, removed, moved and changed items", "[desk-publish]") {
    auto older = Json::parse(R"({"title": "a", "updated": "x", "items": [
        {"id": "one", "headline": "1"}, {"id": "two", "headline": "2"}, {"id": "three", "headline": "3"},
        {"id": "gone", "headline": "g"}]})");
    auto newer = Json::parse(R"({"title": "b", "updated": "y", "items": [
        {"id": "three", "headline": "3"}, {"id": "one", "headline": "1"}, {"id": "two", "headline": "two", "duration": 5},
        {"id": "new", "headline": "n"}]})");
    auto changes = diff_playlists(older, newer);
    auto has = [&](Change::Op op, const std::string& id) {
        for (const auto& c : changes) {
            if (c.op == op && c.id == id) return true;
        }
        return false;
    };
    CHECK(has(Change::Op::Changed, ""));  // the title; `updated` does not count
    CHECK(has(Change::Op::Removed, "gone"));
    CHECK(has(Change::Op::Added, "new"));
    CHECK(has(Change::Op::Moved, "three"));  // one item moved to the front: only it moved
    CHECK_FALSE(has(Change::Op::Moved, "one"));
    CHECK_FALSE(has(Change::Op::Moved, "two"));
    for (const auto& c : changes) {
        if (c.op == Change::Op::Changed && c.id == "two") CHECK(c.fields == std::vector<std::string>{"duration", "headline"});
        if (c.op == Change::Op::Changed && c.id.empty()) CHECK(c.fields == std::vector<std::string>{"title"});
    }
    CHECK(diff_playlists(newer, newer).empty());
}

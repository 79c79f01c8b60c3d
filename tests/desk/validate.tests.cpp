// A draft's problems located at their field (desk/server/validate.h).
#include "validate.h"

#include <catch2/catch.hpp>

using namespace nb::desk;

TEST_CASE("a diagnostic's path becomes the field it belongs to", "[desk-validate]") {
    auto [message, at, text] = GENERATE(table<std::string, std::string, std::string>({
        {"items[2].duration: expected a positive number, got \"ten\"", "items[2].duration",
         "expected a positive number, got \"ten\""},
        {"items[0].schedule.hours[1]: bad range", "items[0].schedule.hours[1]", "bad range"},
        {"items[3][\"two: words\"]: unknown key", "items[3][\"two: words\"]", "unknown key"},
        {"title: too long", "title", "too long"},
        {"the playlist has no usable item", "", "the playlist has no usable item"},
        {"item \"x\": image: cannot decode", "", "item \"x\": image: cannot decode"},
        {"[broken: x", "", "[broken: x"},
    }));
    CAPTURE(message);
    auto [got_at, got_text] = split_path(message);
    CHECK(got_at == at);
    CHECK(got_text == text);
}

TEST_CASE("a draft is checked by the boards' own parser", "[desk-validate]") {
    Checked ok = check_playlist(R"({"version": 1, "id": "park", "items": [{"id": "a", "type": "notice", "headline": "好"}]})",
                                "/nonexistent/public/park.json");
    CHECK(ok.publishable());
    Checked bad = check_playlist(R"({"version": 1, "id": "park", "items": [{"id": "a", "type": "notice", "headline": "好", "duration": 0}]})",
                                 "/nonexistent/public/park.json");
    CHECK_FALSE(bad.publishable());
    REQUIRE_FALSE(bad.problems.empty());
    CHECK(bad.problems.front().at == "items[0].duration");
}

TEST_CASE("a character the bundled font lacks is a warning at its field, a gallery caption's too", "[desk-validate]") {
    // U+20BB7 is beyond the bundled subset (fonts/charset.txt); 好 is in it.
    Checked c = check_playlist(
        R"({"version": 1, "id": "park", "title": "好", "items": [
             {"id": "a", "type": "notice", "headline": "好𠮷"},
             {"id": "g", "type": "gallery", "headline": "图",
              "pictures": [{"image": "media/garden.jpg", "caption": "好"}, {"image": "media/garden-heart.jpg", "caption": "𠮷家"}]}]})",
        std::string(NEWSBOARD_SOURCE_DIR) + "/playlists/park.json");  // the demo's pictures
    std::vector<std::string> at;
    for (const Problem& p : c.problems)
        if (p.message.find("U+20BB7") != std::string::npos) {
            CHECK(p.severity == nb::Severity::Warning);
            CHECK(p.message.find("𠮷") != std::string::npos);
            at.push_back(p.at);
        }
    CHECK(at == std::vector<std::string>{"items[0].headline", "items[1].pictures[1].caption"});
}

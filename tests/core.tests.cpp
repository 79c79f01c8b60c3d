// The one JSON writer, the one home of identifier rules and of an error's leading subject
// (core/json_text.h, core/ids.h, core/error_subject.h).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error_subject.h"
#include "core/ids.h"
#include "core/json_text.h"
#include "core/utf8.h"

using namespace nb;

TEST_CASE("the JSON writer never throws on text from outside, and keeps what is valid", "[core]") {
    const std::string bad_etag = "\"\xff\xfe\"";  // a real server's ETag once aborted the player
    nlohmann::json j = {{"etag", bad_etag}, {"ok", "郁金香"}};
    std::string text;
    REQUIRE_NOTHROW(text = json_text::dump(j));
    CHECK(utf8::is_valid(text));
    const auto back = nlohmann::json::parse(text);
    CHECK(back["ok"] == "郁金香");
    CHECK(back["etag"] == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // U+FFFD for each bad byte
    CHECK(text.back() == '\n');
    CHECK(json_text::dump(nlohmann::json::object(), -1) == "{}\n");
}

TEST_CASE("utf8::scrub replaces only the bytes that are not UTF-8", "[core]") {
    CHECK(utf8::scrub("新城 ok") == "新城 ok");
    CHECK(utf8::scrub("a\xff" "b") == "a\xEF\xBF\xBD" "b");
}

TEST_CASE("identifiers have one rule each", "[core]") {
    using Row = std::tuple<std::string, bool, bool>;  // text, is_sha256, is a pin
    auto [text, stored, pin] = GENERATE(table<std::string, bool, bool>({
        Row{std::string(64, 'a'), true, true},
        Row{std::string(64, 'A'), false, true},  // staff may write a pin in capitals; it is stored lowercased
        Row{std::string(63, 'a'), false, false},
        Row{std::string(65, 'a'), false, false},
        Row{std::string(63, 'a') + "g", false, false},
        Row{"", false, false},
    }));
    CAPTURE(text);
    CHECK(ids::is_sha256(text) == stored);
    CHECK(ids::sha256_pin(text).has_value() == pin);
    if (pin) CHECK(ids::is_sha256(*ids::sha256_pin(text)));

    CHECK(ids::is_id("jining-gaoxin_p03.v2"));
    CHECK_FALSE(ids::is_id(""));
    CHECK_FALSE(ids::is_id("has space"));
    CHECK_FALSE(ids::is_id("新城"));
    CHECK(ids::is_id(std::string(ids::kMaxIdLength, 'x')));
    CHECK_FALSE(ids::is_id(std::string(ids::kMaxIdLength + 1, 'x')));

    CHECK(ids::is_http_url("https://news.example.cn/p.json"));
    CHECK(ids::is_http_url("HTTP://news.example.cn/p.json"));
    CHECK_FALSE(ids::is_http_url("ftp://news.example.cn/p.json"));
    CHECK_FALSE(ids::is_http_url("file:///etc/passwd"));
    CHECK_FALSE(ids::is_http_url("playlists/p.json"));
    CHECK(ids::is_https_url("HTTPS://x/"));
    CHECK_FALSE(ids::is_https_url("http://x/"));

    // The signature is beside the path: the query stays after it, the fragment goes.
    CHECK(ids::signature_url("https://h/p.json") == "https://h/p.json.sig");
    CHECK(ids::signature_url("https://h/p.json?board=b1") == "https://h/p.json.sig?board=b1");
    CHECK(ids::signature_url("https://h/p.json?from=a/b#top") == "https://h/p.json.sig?from=a/b");
    CHECK(ids::signature_url("https://h/p.json#x?y") == "https://h/p.json.sig");
    CHECK(ids::url_path_end("https://h?x=/") == 9);
    // A URL without a path asks for "/": the signature is on the same host, not glued to its name.
    CHECK(ids::signature_url("https://h") == "https://h/.sig");
    CHECK(ids::signature_url("http://h:8080?board=b1#x") == "http://h:8080/.sig?board=b1");
    CHECK(ids::signature_url("https://h/") == "https://h/.sig");

    // A relative src names a file: what no URL holds as it is, and what would mean something
    // else in one ('%', '?', '#'), gets encoded; the rest goes out as it always did.
    CHECK(ids::url_path_of("media/garden.jpg") == "media/garden.jpg");
    CHECK(ids::url_path_of("media/花 1.jpg") == "media/花%201.jpg");
    CHECK(ids::url_path_of("a\tb\x7f\x01.jpg") == "a%09b%7F%01.jpg");
    CHECK(ids::url_path_of("a#1?v=2%.jpg{|}") == "a%231%3Fv=2%25.jpg{|}");
    CHECK(ids::url_path_of("%2e%2e/x.jpg") == "%252e%252e/x.jpg");  // a name, not the server's ".."

    // Where a request landed, with the credentials curl sent there: the asked URL's on its own
    // origin (curl's effective URL leaves them out), never on another.
    CHECK(ids::landed_url("https://h/a/p.json", "https://h/b/p.json") == "https://h/b/p.json");
    CHECK(ids::landed_url("https://u:pw@h/a/p.json", "https://h/b/p.json?x=1") == "https://u:pw@h/b/p.json?x=1");
    CHECK(ids::landed_url("HTTPS://u:pw@H:443/p.json", "https://h/b/p.json") == "https://u:pw@h/b/p.json");
    CHECK(ids::landed_url("http://u@[::1]:8080/p.json", "http://[::1]:8080/b/") == "http://u@[::1]:8080/b/");
    CHECK(ids::landed_url("http://u:pw@h/p.json", "https://h/p.json") == "https://h/p.json");
    CHECK(ids::landed_url("https://u:pw@h/p.json", "https://h:8443/p.json") == "https://h:8443/p.json");
    CHECK(ids::landed_url("https://u:pw@h/p.json", "https://cdn/p.json") == "https://cdn/p.json");
    CHECK(ids::landed_url("https://u:pw@h/p.json", "https://v:q@h/b/p.json") == "https://v:q@h/b/p.json");
    CHECK(ids::landed_url("https://u:pw@h/p.json", "file:///etc/passwd") == "https://u:pw@h/p.json");
    CHECK(ids::landed_url("https://u:pw@h/p.json", "") == "https://u:pw@h/p.json");

    // Credentials never leave in what a board writes; the rest of the text stays.
    CHECK(ids::hide_credentials("https://board:pw@h:8080/p.json: HTTP 401 (check)") ==
          "https://***@h:8080/p.json: HTTP 401 (check)");
    CHECK(ids::hide_credentials("a http://u@h/x and https://u:p:q@[::1]/y?x=a@b#c@d") ==
          "a http://***@h/x and https://***@[::1]/y?x=a@b#c@d");
    CHECK(ids::hide_credentials("mail me@h.org: https://h/p.json, ://odd") == "mail me@h.org: https://h/p.json, ://odd");
}

TEST_CASE("an error's leading subject comes off only when it is the whole first name", "[core]") {
    CHECK(after_subject("/tmp/upload.1: not a picture", "/tmp/upload.1") == "not a picture");
    CHECK(after_subject("https://h/p.json: signature: bad", "https://h/p.json") == "signature: bad");
    CHECK(after_subject("media/花园.jpg: : odd", "media/花园.jpg") == ": odd");
    // Another file whose name starts the same, no ": " after it, a name later on: kept as it is.
    CHECK_FALSE(after_subject("/tmp/upload.10: not a picture", "/tmp/upload.1"));
    CHECK_FALSE(after_subject("/tmp/upload.1 is gone", "/tmp/upload.1"));
    CHECK_FALSE(after_subject("/tmp/upload.1:", "/tmp/upload.1"));
    CHECK_FALSE(after_subject("cannot read /tmp/upload.1: gone", "/tmp/upload.1"));
    CHECK_FALSE(after_subject("", "x"));
}

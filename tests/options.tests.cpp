// The command line and the config file share one table of settings.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "app/options.h"
#include "app/source.h"
#include "core/file.h"
#include "sign/sign.h"

using namespace nb;

namespace {

Result<app::Options> parse(std::vector<const char*> args) {
    return app::parse_command_line(static_cast<int>(args.size()), args.data());
}

}  // namespace

TEST_CASE("render takes a size, a rotation, a time and an output folder", "[options]") {
    auto o = parse({"render", "p.json", "-o", "out", "--size", "1080x1920", "--rotate=90", "--at",
                    "2019-04-08T09:00:00+08:00"});
    REQUIRE(o.ok());
    CHECK(o->command == app::Command::Render);
    CHECK(o->source == "p.json");
    CHECK(o->out_dir == "out");
    CHECK(o->width == 1080);
    CHECK(o->height == 1920);
    CHECK(o->rotate_deg == 90);
    CHECK(*o->at == "2019-04-08T09:00:00+08:00");
}

TEST_CASE("mistakes on the command line are usage errors that say what is wrong", "[options]") {
    const auto [args, says] = GENERATE(table<std::vector<const char*>, std::string>({
        {{"render", "p.json"}, "-o DIR"},
        {{"render", "p.json", "-o", "x", "--size", "big"}, "WIDTHxHEIGHT"},
        {{"render", "p.json", "-o", "x", "--size", "10x10"}, "from 64 to 7680"},
        {{"check", "p.json", "--rotate", "45"}, "0, 90, 180 or 270"},
        {{"check", "p.json", "--frobnicate"}, "unknown option --frobnicate"},
        {{"check"}, "missing SOURCE"},
        {{"check", "a.json", "b.json"}, "too many arguments"},
        {{"dance", "p.json"}, "unknown command"},
        {{"play", "p.json", "--poll", "0"}, "--poll"},
    }));
    auto o = parse(args);
    REQUIRE_FALSE(o.ok());
    CHECK_THAT(o.error(), Catch::Contains(says));
}

// A file of this process's own: suites of several build folders may run at once.
std::string config_path() { return "/tmp/nb-options-test-" + std::to_string(::getpid()) + ".conf"; }

TEST_CASE("a config file sets the same options by their long names", "[options]") {
    const std::string path = config_path();
    REQUIRE(file::write_atomic(path, "# board 12 in the park\nsize = 1080x1920\nboard-id = park-12\n\n"
                                     "trusted-key = /etc/newsboard/staff.pub\npoll=30\n")
                .ok());
    auto o = parse({"play", "https://example.org/p.json", "--config", path.c_str()});
    REQUIRE(o.ok());
    CHECK(o->width == 1080);
    CHECK(o->board_id == "park-12");
    CHECK(o->poll_s == 30);
    REQUIRE(o->trusted_keys.size() == 1);

    REQUIRE(file::write_atomic(path, "size = 1080x1920\n  sizes = 3\n").ok());
    auto unknown = parse({"play", "p.json", "--config", path.c_str()});
    REQUIRE(unknown.ok());  // a board must not go dark over an option it does not know
    CHECK(unknown->width == 1080);
    REQUIRE(unknown->warnings.size() == 1);
    CHECK(unknown->warnings[0] == path + ":2:3: warning: unknown option \"sizes\" ignored; did you mean \"size\"?");
    // A bad value or a stray line: a located warning, the line ignored. Before, exit 2: a board
    // the unit (RestartPreventExitStatus=2) kept dark for good over a typo.
    REQUIRE(file::write_atomic(path, "size = 1080x1920\nrotate = 45\nboard-id park-12\n").ok());
    auto bad = parse({"play", "p.json", "--config", path.c_str()});
    REQUIRE(bad.ok());
    CHECK(bad->width == 1080);
    CHECK(bad->rotate_deg == 0);
    REQUIRE(bad->warnings.size() == 2);
    CHECK_THAT(bad->warnings[0], Catch::StartsWith(path + ":2:1: warning: --rotate takes") &&
                                     Catch::EndsWith("; line ignored"));
    CHECK(bad->warnings[1] == path + ":3:1: warning: expected `option = value`; line ignored");
    CHECK(app::origin_of(*bad, "size") == path + ":1:1: ");
    CHECK(app::origin_of(*bad, "rotate").empty());
    // On the command line a person typed it: still a usage error.
    REQUIRE_FALSE(parse({"play", "p.json", "--rotate", "45"}).ok());
    auto typed = parse({"play", "p.json", "--config", path.c_str(), "--size", "800x600"});
    REQUIRE(typed.ok());
    CHECK(app::origin_of(*typed, "size").empty());  // the command line's, not the file's
    std::remove(path.c_str());
}

// Parses `play [SOURCE] --config FILE` with FILE holding `text`; SOURCE only when not empty.
Result<app::Options> play_with_config(const std::string& text, const char* source = "") {
    const std::string path = config_path();
    REQUIRE(file::write_atomic(path, text).ok());
    auto o = *source ? parse({"play", source, "--config", path.c_str()}) : parse({"play", "--config", path.c_str()});
    std::remove(path.c_str());
    return o;
}

TEST_CASE("a board's config file names its playlist; SOURCE on the command line wins", "[options]") {
    const std::string conf = "source = https://news.example.cn/park.json\nboard-id = park-12\n";
    auto o = play_with_config(conf);
    REQUIRE(o.ok());
    CHECK(o->source == "https://news.example.cn/park.json");
    auto given = play_with_config(conf, "/srv/test.json");
    REQUIRE(given.ok());
    CHECK(given->source == "/srv/test.json");

    // play: no usage error yet, the board's cache may name it (app/cached_source.h, cli.test_lost_source).
    auto none = play_with_config("board-id = park-12\n#source = https://news.example.cn/park.json\n");
    REQUIRE(none.ok());
    CHECK(none->source.empty());
    CHECK(none->near_miss.count("source") == 0);  // a comment is no line that meant it
    CHECK_THAT(app::missing_source_error(*none), Catch::Contains("missing SOURCE") && Catch::Contains("source ="));
    auto empty = play_with_config("source =\n");
    REQUIRE(empty.ok());
    CHECK_THAT(empty->near_miss["source"], Catch::EndsWith(":1:1: "));
    CHECK_THAT(app::missing_source_error(*empty),
               Catch::Contains("missing SOURCE") && Catch::Contains(":1:1: warning: source is empty"));
    auto misspelt = play_with_config("board-id = park-12\nsorce = https://news.example.cn/park.json\n");
    REQUIRE(misspelt.ok());
    CHECK_THAT(misspelt->near_miss["source"], Catch::EndsWith(":2:1: "));

    // Other commands, which a person runs, keep the usage error.
    const std::string path = config_path();
    REQUIRE(file::write_atomic(path, "sorce = https://news.example.cn/park.json\n").ok());
    auto check = parse({"check", "--config", path.c_str()});
    std::remove(path.c_str());
    REQUIRE_FALSE(check.ok());
    CHECK_THAT(check.error(), Catch::Contains("missing SOURCE") && Catch::Contains(":1:1: warning: unknown option"));
}

TEST_CASE("a flag in a config file is yes or no, and no means no", "[options]") {
    auto landscape = play_with_config("portrait = no\n", "p.json");
    REQUIRE(landscape.ok());
    CHECK((landscape->width == 1920 && landscape->height == 1080));
    auto upright = play_with_config("portrait = yes\n", "p.json");
    REQUIRE(upright.ok());
    CHECK((upright->width == 1080 && upright->height == 1920));
    auto bad = play_with_config("\nportrait = sometimes\n", "p.json");
    REQUIRE(bad.ok());
    CHECK(bad->height == 1080);
    REQUIRE(bad->warnings.size() == 1);
    CHECK_THAT(bad->warnings[0], Catch::Contains(":2:1: warning: portrait is yes or no"));
    auto flag = parse({"play", "p.json", "--portrait"});
    REQUIRE(flag.ok());
    CHECK(flag->height == 1920);
}

TEST_CASE("--help lists every option", "[options]") {
    const std::string help = app::usage_text();
    for (const char* name : {"--source", "--portrait", "--size", "--rotate", "--at", "--cache", "--trusted-key",
                             "--poll", "--config", "--board-id", "--status"})
        CHECK_THAT(help, Catch::Contains(name));
}

TEST_CASE("'#' starts a comment only at the start of a line or after blank space", "[options]") {
    auto o = play_with_config("# the park's board\nsource = https://news.example.cn/p.json#top  # the URL\n"
                              "board-id = east#2\n\t# indented comment\n");
    REQUIRE(o.ok());
    CHECK(o->source == "https://news.example.cn/p.json#top");
    CHECK(o->board_id == "east#2");
    CHECK(o->warnings.empty());
}

TEST_CASE("a config file's trusted key that cannot be read trusts nothing; the command line's is a usage error",
          "[options]") {
    const std::string path = config_path();
    const std::string good = path + ".pub";
    const sign::KeyPair staff = sign::generate();
    REQUIRE(file::write_atomic(good, staff.public_key.text()).ok());
    REQUIRE(file::write_atomic(path, "trusted-key = " + good + "\n  trusted-key = /missing.pub\n").ok());
    auto o = parse({"play", "https://example.org/p.json", "--config", path.c_str()});
    REQUIRE(o.ok());
    CHECK(app::origin_of(*o, "trusted-key", good) == path + ":1:1: ");
    CHECK(app::origin_of(*o, "trusted-key", "/missing.pub") == path + ":2:3: ");

    // play: not one key is trusted (leaving out the bad line would change what the board
    // trusts), and the line is located in the reason and in a warning.
    auto keys = app::trusted_keys(*o, app::UnreadableKey::TrustNothing);
    REQUIRE(keys.ok());
    CHECK(keys->keys.empty());
    REQUIRE(keys->unreadable);
    CHECK_THAT(*keys->unreadable, Catch::StartsWith(path + ":2:3: trusted key: ") && Catch::Contains("/missing.pub"));
    REQUIRE(keys->warnings.size() == 1);
    CHECK_THAT(keys->warnings[0], Catch::StartsWith(path + ":2:3: warning: trusted key: "));
    CHECK(app::sync_config(*o, *keys).authenticated());
    // check and render, which a person runs: a usage error.
    CHECK_FALSE(app::trusted_keys(*o, app::UnreadableKey::Fail).ok());

    // The same key named on the command line is the command line's: a usage error.
    auto typed = parse({"play", "https://example.org/p.json", "--config", path.c_str(), "--trusted-key",
                        "/missing.pub"});
    REQUIRE(typed.ok());
    CHECK(app::origin_of(*typed, "trusted-key", "/missing.pub").empty());
    CHECK_FALSE(app::trusted_keys(*typed, app::UnreadableKey::TrustNothing).ok());

    // A line meant for trusted-key that cannot be read (a misspelt name) beside a good key: the
    // key it meant is unknown, so none is trusted, not just the good one.
    REQUIRE(file::write_atomic(path, "trusted-key = " + good + "\ntrusted_key = " + good + "\n").ok());
    auto typo = parse({"play", "https://example.org/p.json", "--config", path.c_str()});
    REQUIRE(typo.ok());
    auto narrowed = app::trusted_keys(*typo, app::UnreadableKey::TrustNothing);
    REQUIRE(narrowed.ok());
    CHECK(narrowed->keys.empty());
    REQUIRE(narrowed->unreadable);
    CHECK_THAT(*narrowed->unreadable, Catch::StartsWith(path + ":2:1: trusted key: "));
    CHECK_FALSE(app::trusted_keys(*typo, app::UnreadableKey::Fail).ok());

    // Good keys only: all of them, nothing unreadable.
    REQUIRE(file::write_atomic(path, "trusted-key = " + good + "\n").ok());
    auto fine = parse({"play", "https://example.org/p.json", "--config", path.c_str()});
    REQUIRE(fine.ok());
    auto trusted = app::trusted_keys(*fine, app::UnreadableKey::TrustNothing);
    REQUIRE(trusted.ok());
    CHECK(trusted->keys.size() == 1);
    CHECK_FALSE(trusted->unreadable);
    CHECK(trusted->warnings.empty());
    std::remove(path.c_str());
    std::remove(good.c_str());
}

TEST_CASE("a config file that cannot be read is kept apart from usage errors, the rest still parsed", "[options]") {
    auto o = parse({"play", "--config", "/nonexistent/newsboard.conf", "--status", "/tmp/s.json"});
    REQUIRE(o.ok());  // play exits 3 on it (cli.cpp): the unit tries again, the file may yet come
    REQUIRE(o->config_unreadable);
    CHECK_THAT(*o->config_unreadable, Catch::Contains("cannot open /nonexistent/newsboard.conf"));
    CHECK(o->status_file == "/tmp/s.json");  // where to say so
    CHECK_FALSE(parse({"play", "--config", "/nonexistent/newsboard.conf", "--frobnicate"}).ok());
}

// The command line and the config file share one table of settings.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app/options.h"
#include "core/file.h"

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

TEST_CASE("a config file sets the same options by their long names", "[options]") {
    const std::string path = "/tmp/nb-options-test.conf";
    REQUIRE(file::write_atomic(path, "# board 12 in the park\nsize = 1080x1920\nboard-id = park-12\n\n"
                                     "trusted-key = /etc/newsboard/staff.pub\npoll=30\n")
                .ok());
    auto o = parse({"play", "https://example.org/p.json", "--config", path.c_str()});
    REQUIRE(o.ok());
    CHECK(o->width == 1080);
    CHECK(o->board_id == "park-12");
    CHECK(o->poll_s == 30);
    REQUIRE(o->trusted_keys.size() == 1);

    REQUIRE(file::write_atomic(path, "size = 1080x1920\nsizes = 3\n").ok());
    auto bad = parse({"play", "p.json", "--config", path.c_str()});
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.error(), Catch::Contains(path + ":2: unknown option \"sizes\""));
}

TEST_CASE("--help lists every option", "[options]") {
    const std::string help = app::usage_text();
    for (const char* name : {"--size", "--rotate", "--at", "--cache", "--trusted-key", "--poll", "--config",
                             "--board-id", "--status"})
        CHECK_THAT(help, Catch::Contains(name));
}

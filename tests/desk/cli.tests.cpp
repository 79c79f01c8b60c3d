// The `newsboard-desk` command line (desk/server/cli.h).
#include "cli.h"

#include <catch2/catch.hpp>

using namespace nb::desk;

TEST_CASE("the desk's commands parse as documented", "[desk-cli]") {
    auto init = parse_command_line({"init", "/srv/desk", "--group", "park=公园", "--group", "lobby"});
    REQUIRE(std::holds_alternative<Command>(init));
    const auto& i = std::get<InitCommand>(std::get<Command>(init));
    CHECK(i.dir == "/srv/desk");
    REQUIRE(i.groups.size() == 2);
    CHECK(i.groups[0].id == "park");
    CHECK(i.groups[0].name == "公园");
    CHECK(i.groups[1].name == "lobby");

    auto serve = parse_command_line({"serve", "d", "--listen", "127.0.0.1:0", "--broker", "mqtt://127.0.0.1:1883",
                                     "--trusted-proxy", "127.0.0.1", "--require-totp"});
    REQUIRE(std::holds_alternative<Command>(serve));
    const auto& s = std::get<ServeCommand>(std::get<Command>(serve));
    CHECK(s.port == 0);
    CHECK(s.broker == "mqtt://127.0.0.1:1883");
    CHECK(s.trusted_proxies == std::vector<std::string>{"127.0.0.1"});
    CHECK(s.totp == TotpPolicy::RequiredForPublishers);

    auto user = parse_command_line({"user", "add", "d", "alice", "--role", "publisher"});
    REQUIRE(std::holds_alternative<Command>(user));
    CHECK(std::get<UserAddCommand>(std::get<Command>(user)).role == Role::Publisher);
}

TEST_CASE("bad command lines are usage errors with a reason", "[desk-cli]") {
    auto args = GENERATE(as<std::vector<std::string>>{}, std::vector<std::string>{"init"},
                         std::vector<std::string>{"init", "d", "--group", "公园"},
                         std::vector<std::string>{"init", "d", "--group", "../x"},
                         std::vector<std::string>{"user", "add", "d", "bob", "--role", "boss"},
                         std::vector<std::string>{"serve", "d", "--listen", "8080"},
                         std::vector<std::string>{"serve", "d", "--broker", "http://x"},
                         std::vector<std::string>{"serve", "d", "--what"}, std::vector<std::string>{"frobnicate"});
    CAPTURE(args);
    auto r = parse_command_line(args);
    REQUIRE(std::holds_alternative<UsageError>(r));
    CHECK_FALSE(std::get<UsageError>(r).message.empty());
}

// The name becomes the starter draft's title and headline: one the boards' checker refuses
// made a group whose first draft could not be approved or published.
TEST_CASE("init refuses a group name its starter draft could not carry", "[desk-cli]") {
    std::string ok;
    for (int i = 0; i < 200; ++i) ok += "公";
    auto fits = parse_command_line({"init", "d", "--group", "park=" + ok});
    REQUIRE(std::holds_alternative<Command>(fits));
    CHECK(std::get<InitCommand>(std::get<Command>(fits)).groups[0].name == ok);

    auto name = GENERATE(as<std::string>{}, "x", "公\a园", "公\n园", "\xff\xfe", "   ");
    const std::string spec = "park=" + (name == "x" ? ok + "公" : name);
    CAPTURE(spec);
    auto r = parse_command_line({"init", "d", "--group", spec});
    REQUIRE(std::holds_alternative<UsageError>(r));
    CHECK_THAT(std::get<UsageError>(r).message, Catch::Matchers::Contains("--group park"));
}

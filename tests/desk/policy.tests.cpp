// The one place that rules on every request (desk/server/policy.h), and the facts it is fed:
// the origin as a browser behind a proxy sees it (origin.h) and the CSRF token (session.h).
#include "origin.h"
#include "policy.h"
#include "session.h"

#include <catch2/catch.hpp>

using namespace nb::desk;

namespace {

const RoutePolicy kRead{Access::Staff, Body::None, 0};
const RoutePolicy kEdit{Access::Staff, Body::Json, 1000};
const RoutePolicy kPublish{Access::Publisher, Body::None, 0};
const RoutePolicy kAdmin{Access::Admin, Body::Json, 1000};
const RoutePolicy kLogin{Access::Anyone, Body::Json, 1000};

RequestFacts change(RoutePolicy route, std::optional<Role> role) {
    RequestFacts f;
    f.state_changing = true;
    f.route = route;
    f.session_role = role;
    f.origin = OriginVerdict::SameSite;
    f.csrf = TokenVerdict::Right;
    f.content_length = route.body == Body::None ? 0 : 10;
    return f;
}

}  // namespace

TEST_CASE("each role may do what its rank allows and no more", "[desk-policy]") {
    auto [route, role, allowed] = GENERATE(table<RoutePolicy, Role, bool>({
        {kEdit, Role::Editor, true},
        {kPublish, Role::Editor, false},
        {kPublish, Role::Publisher, true},
        {kPublish, Role::Admin, true},
        {kAdmin, Role::Publisher, false},
        {kAdmin, Role::Admin, true},
    }));
    CAPTURE(to_string(role), static_cast<int>(route.access));
    Verdict v = decide(change(route, role));
    CHECK(v.allowed() == allowed);
    if (!allowed) CHECK(v.status == 403);
}

TEST_CASE("a refusal by role says who may, in English an editor can read", "[desk-policy]") {
    CHECK(decide(change(kPublish, Role::Editor)).error ==
          "only a publisher or an admin may do this; you are signed in as an editor");
    CHECK(decide(change(kAdmin, Role::Publisher)).error == "only an admin may do this; you are signed in as a publisher");
}

TEST_CASE("a request without a session gets 401, except the login and the page's files", "[desk-policy]") {
    CHECK(decide(change(kEdit, std::nullopt)).status == 401);
    RequestFacts read = change(kRead, std::nullopt);
    read.state_changing = false;
    CHECK(decide(read).status == 401);
    CHECK(decide(change(kLogin, std::nullopt)).allowed());
}

TEST_CASE("a change without the right CSRF token is refused, a read needs none", "[desk-policy]") {
    RequestFacts f = change(kEdit, Role::Admin);
    f.csrf = TokenVerdict::Absent;
    CHECK(decide(f).status == 403);
    CHECK_THAT(decide(f).error, Catch::Contains("X-CSRF-Token"));
    f.csrf = TokenVerdict::Wrong;
    CHECK(decide(f).status == 403);
    RequestFacts read = change(kRead, Role::Editor);
    read.state_changing = false;
    read.csrf = TokenVerdict::Absent;
    CHECK(decide(read).allowed());
}

TEST_CASE("a change from another site is refused, the login included", "[desk-policy]") {
    RequestFacts f = change(kEdit, Role::Editor);
    f.origin = OriginVerdict::CrossSite;
    CHECK(decide(f).status == 403);
    RequestFacts login = change(kLogin, std::nullopt);
    login.origin = OriginVerdict::CrossSite;
    CHECK(decide(login).status == 403);
    login.origin = OriginVerdict::Absent;  // a script, not a browser
    CHECK(decide(login).allowed());
}

TEST_CASE("bodies are judged before anything is read", "[desk-policy]") {
    RequestFacts f = change(kEdit, Role::Editor);
    SECTION("larger than the route allows: 413, even without a session") {
        f.content_length = 1001;
        f.session_role.reset();
        CHECK(decide(f).status == 413);
    }
    SECTION("a body where the route takes none") {
        RequestFacts p = change(kPublish, Role::Publisher);
        p.chunked = true;
        CHECK(decide(p).status == 413);
    }
    SECTION("chunked is allowed through; the reader stops it at the limit") {
        f.content_length.reset();
        f.chunked = true;
        CHECK(decide(f).allowed());
    }
    SECTION("a compressed body is refused: it could be a bomb") {
        f.content_encoded = true;
        CHECK(decide(f).status == 415);
    }
    SECTION("an unknown route is 404 whoever asks") {
        f.route.reset();
        CHECK(decide(f).status == 404);
    }
}

TEST_CASE("the origin behind a TLS proxy is believed only from a trusted proxy", "[desk-policy]") {
    PeerHeaders h;
    h.peer_address = "127.0.0.1";
    h.host = "127.0.0.1:8080";
    h.forwarded_proto = "https";
    h.forwarded_host = "desk.example.cn";
    h.real_ip = "203.0.113.7";
    h.origin = "https://desk.example.cn";

    ClientView trusted = client_view(h, {"127.0.0.1"});
    CHECK(trusted.origin() == "https://desk.example.cn");
    CHECK(trusted.secure());
    CHECK(trusted.address == "203.0.113.7");
    CHECK(judge_origin(h, trusted) == OriginVerdict::SameSite);

    ClientView untrusted = client_view(h, {});
    CHECK(untrusted.origin() == "http://127.0.0.1:8080");
    CHECK_FALSE(untrusted.secure());
    CHECK(untrusted.address == "127.0.0.1");
    CHECK(judge_origin(h, untrusted) == OriginVerdict::CrossSite);

    h.origin = "https://evil.example";
    CHECK(judge_origin(h, trusted) == OriginVerdict::CrossSite);
    h.origin = "null";
    CHECK(judge_origin(h, trusted) == OriginVerdict::CrossSite);
    h.origin = "https://desk.example.cn:443";
    CHECK(judge_origin(h, trusted) == OriginVerdict::SameSite);
    h.origin = "";
    CHECK(judge_origin(h, trusted) == OriginVerdict::Absent);
}

TEST_CASE("session tokens come only from a well-formed cookie", "[desk-policy]") {
    std::string token = random_token();
    CHECK(token.size() == 43);
    using Tokens = std::vector<std::string>;
    CHECK(session_tokens_from_cookies("a=b; nbdesk=" + token + "; c=d") == Tokens{token});
    CHECK(session_tokens_from_cookies("nbdesk=short").empty());
    CHECK(session_tokens_from_cookies("nbdesk=" + token.substr(0, 42) + "'").empty());
    CHECK(session_tokens_from_cookies("xnbdesk=" + token).empty());
    const std::string other = random_token();
    CHECK(session_tokens_from_cookies("nbdesk=" + other + "; nbdesk=" + token) == Tokens{other, token});
    std::string many;
    for (int i = 0; i < 10; ++i) many += "nbdesk=" + other + "; ";
    CHECK(session_tokens_from_cookies(many).size() == kMaxSessionCookies);
    CHECK(session_cookie(token, CookieSecurity::Secure).find("; Secure") != std::string::npos);
    CHECK(session_cookie(token, CookieSecurity::Plain).find("Secure") == std::string::npos);
    CHECK(session_cookie(token, CookieSecurity::Plain).find("HttpOnly; SameSite=Strict") != std::string::npos);
    CHECK(judge_csrf("", token) == TokenVerdict::Absent);
    CHECK(judge_csrf(token, token) == TokenVerdict::Right);
    CHECK(judge_csrf(random_token(), token) == TokenVerdict::Wrong);
}
